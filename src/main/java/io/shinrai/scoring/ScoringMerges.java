package io.shinrai.scoring;

import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.customer.MergeParticipant;

/**
 * The trust of merged customers, derived again from the moved entries so that every sum
 * is what it would be had every entry been logged for the survivor from the start: the
 * customer sums of both customers (the absorbed one's disappear) and, when the two were
 * in different segments, the daily sums of the days the survivor has entries on, in both
 * segments. The same database function as a correction ({@code scoring_recompute}, under
 * the sums' lock alone). A segment merge needs nothing here: moving a customer to another
 * segment moves its daily sums already (the trigger on the customer's segment).
 */
@Component
class ScoringMerges implements MergeParticipant {

	private final JdbcClient jdbc;

	private final CustomerStatusWatch statuses;

	private final Clock clock;

	ScoringMerges(JdbcClient jdbc, CustomerStatusWatch statuses, Clock clock) {
		this.jdbc = jdbc;
		this.statuses = statuses;
		this.clock = clock;
	}

	@Override
	public Phase phase() {
		return Phase.RECOMPUTE;
	}

	@Override
	public void moveCustomer(long absorbedId, long survivorId) {
		boolean sameSegment = jdbc.sql("select count(distinct segment) = 1 from customer where id in (?, ?)")
			.params(absorbedId, survivorId)
			.query(Boolean.class)
			.single();
		String[] instants = sameSegment ? new String[0]
				: jdbc.sql("select distinct received_at::text from feedback where customer_id = ?")
					.param(survivorId)
					.query(String.class)
					.list()
					.toArray(String[]::new);
		jdbc.sql("select scoring_recompute(cast(? as bigint[]), cast(? as timestamptz[]))")
			.param(new Long[] { Math.min(absorbedId, survivorId), Math.max(absorbedId, survivorId) })
			.param(instants)
			.query((rs, row) -> 1)
			.list();
		// the absorbed customer's announced status goes with it; the survivor's is
		// checked
		// against its entries now
		jdbc.sql("delete from customer_status_state where customer_id = ?").param(absorbedId).update();
		statuses.check(List.of(survivorId), null, clock.instant());
	}

}
