package io.shinrai.feedback;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;

/**
 * The feedback module's meters, counted once the facts are committed: entries stored by
 * source ({@code shinrai.feedback.entries.stored{source}}), imports by outcome
 * ({@code shinrai.feedback.imports{outcome}}), their rows by result
 * ({@code shinrai.feedback.import.rows{result=imported|skipped|rejected}}) and their
 * duration ({@code shinrai.feedback.import.duration}). Corrections are not new entries
 * and are not counted.
 * <p>
 * Plain listeners that count in the transaction's {@code afterCommit}, not
 * {@code @TransactionalEventListener}s: the event publication registry wraps every
 * after-commit transactional listener and marks it processing and completed in
 * transactions of their own, which on the API's request thread would take a second pooled
 * connection while the first is still held, for meters that touch no table.
 */
@Component
class FeedbackMeters {

	private final MeterRegistry meters;

	private final FeedbackImports imports;

	FeedbackMeters(MeterRegistry meters, FeedbackImports imports) {
		this.meters = meters;
		this.imports = imports;
	}

	@EventListener
	void on(FeedbackLogged event) {
		if (event.corrected() != null) {
			return;
		}
		afterCommit(() -> count(event));
	}

	private void count(FeedbackLogged event) {
		for (FeedbackLogged.Entry entry : event.entries()) {
			Counter.builder("shinrai.feedback.entries.stored")
				.description("Feedback entries stored, by source")
				.tag("source", entry.source().name())
				.register(meters)
				.increment();
		}
	}

	@EventListener
	void on(FeedbackImportFinished event) {
		afterCommit(() -> count(event));
	}

	private void count(FeedbackImportFinished event) {
		Counter.builder("shinrai.feedback.imports")
			.description("CSV imports ended, by outcome")
			.tag("outcome", event.completed() ? "completed" : "failed")
			.register(meters)
			.increment();
		imports.find(event.importId()).ifPresent(this::measure);
	}

	/**
	 * Runs the action once the current transaction has committed (never if it rolls
	 * back), or at once outside a transaction.
	 */
	private static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				action.run();
			}
		});
	}

	private void measure(FeedbackImport job) {
		rows("imported", job.imported());
		rows("skipped", job.skipped());
		rows("rejected", job.rejected());
		if (job.startedAt() != null && job.finishedAt() != null) {
			Timer.builder("shinrai.feedback.import.duration")
				.description("How long CSV imports took, from upload to end")
				.tag("outcome", job.status().name().toLowerCase(java.util.Locale.ROOT))
				.register(meters)
				.record(Duration.between(job.startedAt(), job.finishedAt()));
		}
	}

	private void rows(String result, long count) {
		Counter.builder("shinrai.feedback.import.rows")
			.description("Rows of CSV imports, by result")
			.tag("result", result)
			.register(meters)
			.increment(count);
	}

}
