package io.shinrai.promise;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/** A merged customer's promises, kept, broken or open, become the survivor's. */
@Component
class PromiseMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	PromiseMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> customerRows(long customerId) {
		return Map.of("merge.rows.promises",
				jdbc.sql("select count(*) from promise where customer_id = ?")
					.param(customerId)
					.query(Long.class)
					.single());
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("update promise set customer_id = ? where customer_id = ?").params(survivorId, absorbedId).update();
	}

}
