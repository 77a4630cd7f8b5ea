package io.shinrai.notification;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * In-app notices that link to a merged customer's page link to the survivor's, which
 * shows everything the notice was about; what they say stays as it was said.
 */
@Component
class NotificationMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	NotificationMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> customerRows(long customerId) {
		return Map.of("merge.rows.notices",
				jdbc.sql("select count(*) from notification where link = ?")
					.param(link(customerId))
					.query(Long.class)
					.single());
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("update notification set link = ? where link = ?").params(link(survivorId), link(absorbedId)).update();
	}

	private static String link(long customerId) {
		return "/customers/" + customerId;
	}

}
