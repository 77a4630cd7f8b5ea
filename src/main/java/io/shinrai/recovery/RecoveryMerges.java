package io.shinrai.recovery;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;
import io.shinrai.customer.MergeRefusedException;

/**
 * A merged customer's recovery cases (with their entries, notes and answers) become the
 * survivor's. A customer has at most one case that is not closed, so two open cases
 * refuse the merge: which one carries on is a decision for the people working them (close
 * one first).
 */
@Component
class RecoveryMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	RecoveryMerges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Map<String, Long> customerRows(long customerId) {
		return Map.of("merge.rows.cases",
				jdbc.sql("select count(*) from recovery_case where customer_id = ?")
					.param(customerId)
					.query(Long.class)
					.single());
	}

	@Override
	public void checkCustomers(long absorbedId, long survivorId) {
		List<Long> open = jdbc
			.sql("select id from recovery_case where customer_id in (?, ?) and status in ('OPEN', 'ACKNOWLEDGED',"
					+ " 'RESOLVED') order by id")
			.params(absorbedId, survivorId)
			.query(Long.class)
			.list();
		if (open.size() > 1) {
			throw MergeRefusedException.conflict("absorbed", "merge.refused.twoOpenCases", open.get(0), open.get(1));
		}
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		jdbc.sql("update recovery_case set customer_id = ? where customer_id = ?")
			.params(survivorId, absorbedId)
			.update();
	}

}
