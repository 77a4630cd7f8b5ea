package io.shinrai.notification;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.recovery.RecoveryCasesOpened;
import io.shinrai.scoring.CustomerStatusChanged;

/**
 * Counts what an import brings inside the transaction of each batch (one upsert per
 * event), so that when the import ends
 * ({@link io.shinrai.feedback.FeedbackImportFinished}, published after its last batch
 * committed) the numbers of its summary mail are complete, whatever the asynchronous
 * listeners have processed by then. Each database session counts into a shard of its own,
 * so batches stored side by side do not wait for each other's row locks.
 */
@Component
class ImportTally {

	private final JdbcClient jdbc;

	ImportTally(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(FeedbackLogged event) {
		if (event.importId() != null && event.corrected() == null) {
			add(event.importId(), NotificationType.FEEDBACK_LOGGED, event.entries().size());
			add(event.importId(), NotificationType.FEEDBACK_NEGATIVE,
					event.entries().stream().filter(FeedbackLogged.Entry::negative).count());
		}
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(RecoveryCasesOpened event) {
		if (event.importId() != null) {
			add(event.importId(), NotificationType.CASE_OPENED, event.cases().size());
		}
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(CustomerStatusChanged event) {
		if (event.importId() != null) {
			add(event.importId(), NotificationType.CUSTOMER_STATUS_CHANGED, event.changes().size());
		}
	}

	private void add(long importId, NotificationType type, long count) {
		if (count > 0) {
			jdbc.sql(
					"""
							insert into import_tally (import_id, type, shard, item_count) values (?, ?, pg_backend_pid() % 8, ?)
							on conflict (import_id, type, shard) do update set item_count = import_tally.item_count + excluded.item_count
							""")
				.params(importId, type.eventName(), count)
				.update();
		}
	}

}
