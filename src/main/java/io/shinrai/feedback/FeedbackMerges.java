package io.shinrai.feedback;

import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * A merged customer's feedback entries become the survivor's. Their external ids and row
 * hashes are unique across all customers, so moving them cannot collide; the trust sums
 * follow in scoring's part of the merge.
 */
@Component
class FeedbackMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	FeedbackMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> customerRows(long customerId) {
		return Map.of("merge.rows.entries",
				jdbc.sql("select count(*) from feedback where customer_id = ?")
					.param(customerId)
					.query(Long.class)
					.single());
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("update feedback set customer_id = ? where customer_id = ?").params(survivorId, absorbedId).update();
	}

}
