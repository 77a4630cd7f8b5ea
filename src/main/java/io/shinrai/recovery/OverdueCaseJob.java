package io.shinrai.recovery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Flags OPEN cases whose acknowledgement is overdue ({@code overdue_since}, the database
 * time it noticed) and clears the flag of cases that are no longer overdue. Runs every
 * minute by default; the ShedLock lock keeps several app instances from running it at
 * once, and both statements are idempotent, so a second run changes nothing. The cases it
 * newly flags are published as one {@link RecoveryCasesOverdue}.
 * <p>
 * Pages and measures do not depend on this flag: they count a case as overdue from its
 * due time, so they are right between runs too.
 */
@Component
class OverdueCaseJob {

	static final String LOCK_NAME = "recovery-overdue-check";

	private static final Logger log = LoggerFactory.getLogger(OverdueCaseJob.class);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	/** Takes its settings so that they are checked before the scheduler reads them. */
	OverdueCaseJob(JdbcClient jdbc, PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			RecoveryProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.events = events;
	}

	@Scheduled(cron = "${shinrai.recovery.overdue-check.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "${shinrai.recovery.overdue-check.lock-at-most-for}",
			lockAtLeastFor = "${shinrai.recovery.overdue-check.lock-at-least-for}")
	public void markOverdueCases() {
		LockAssert.assertLocked();
		// each step is atomic on its own; no transaction around the job, so the lock row
		// commits independently. The
		// cases it flags and their event commit together (the event publication registry
		// is the outbox).
		int marked = transactions.execute(status -> {
			List<RecoveryCasesOverdue.OverdueCase> flagged = jdbc.sql("""
					update recovery_case set overdue_since = now()
					where status = 'OPEN' and overdue_since is null and acknowledge_due_at < now()
					returning id, customer_id, owner, acknowledge_due_at, overdue_since
					""")
				.query((rs, row) -> new RecoveryCasesOverdue.OverdueCase(rs.getLong("id"), rs.getLong("customer_id"),
						rs.getString("owner"), rs.getTimestamp("acknowledge_due_at").toInstant(),
						rs.getTimestamp("overdue_since").toInstant()))
				.list();
			if (!flagged.isEmpty()) {
				List<RecoveryCasesOverdue.OverdueCase> sorted = new ArrayList<>(flagged);
				sorted.sort(Comparator.comparingLong(RecoveryCasesOverdue.OverdueCase::caseId));
				events.publishEvent(new RecoveryCasesOverdue(sorted));
			}
			return flagged.size();
		});
		int cleared = jdbc.sql("""
				update recovery_case set overdue_since = null
				where overdue_since is not null and (status <> 'OPEN' or acknowledge_due_at >= now())
				""").update();
		if (marked > 0 || cleared > 0) {
			log.info("Recovery cases newly overdue: {}, no longer overdue: {}", marked, cleared);
		}
	}

}
