package io.shinrai.scoring;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.FeedbackLogged;

/**
 * Keeps the trust sums in step with the feedback, in the transaction that stores it: new
 * entries are added to every live basis with set-based upserts (exact under concurrent
 * inserts); a correction recomputes the customers and days it touched, before and after,
 * from the rows (exact, and simpler than subtracting what the old entry added). Then the
 * status of the customers concerned is checked ({@link CustomerStatusWatch}).
 */
@Component
class SumsMaintenance {

	private final JdbcClient jdbc;

	private final CustomerStatusWatch statuses;

	private final Clock clock;

	SumsMaintenance(JdbcClient jdbc, CustomerStatusWatch statuses, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.statuses = statuses;
	}

	@EventListener
	@Transactional
	void on(FeedbackLogged event) {
		updateSums(event);
		// after the sums, so that a listener of the status change reads trust that
		// includes this feedback
		Set<Long> customers = new LinkedHashSet<>();
		event.entries().forEach(entry -> customers.add(entry.customerId()));
		if (event.corrected() != null) {
			customers.add(event.corrected().customerId());
		}
		statuses.check(customers, event.importId(), clock.instant());
	}

	private void updateSums(FeedbackLogged event) {
		if (event.corrected() == null) {
			Long[] ids = event.entries().stream().map(FeedbackLogged.Entry::feedbackId).toArray(Long[]::new);
			if (ids.length > 0) {
				jdbc.sql("select scoring_add_entries(cast(? as bigint[]))").param(ids).query((rs, row) -> 1).list();
			}
			return;
		}
		Set<Long> customers = new LinkedHashSet<>();
		Set<String> instants = new LinkedHashSet<>();
		customers.add(event.corrected().customerId());
		instants.add(event.corrected().receivedAt().toString());
		for (FeedbackLogged.Entry entry : event.entries()) {
			customers.add(entry.customerId());
			instants.add(entry.receivedAt().toString());
		}
		jdbc.sql("select scoring_recompute(cast(? as bigint[]), cast(? as timestamptz[]))")
			.param(customers.stream().sorted().toArray(Long[]::new))
			.param(instants.toArray(String[]::new))
			.query((rs, row) -> 1)
			.list();
	}

}
