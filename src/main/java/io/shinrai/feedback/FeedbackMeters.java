package io.shinrai.feedback;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;

/**
 * The feedback module's meters, counted once the facts are committed: entries stored by
 * source ({@code shinrai.feedback.entries.stored{source}}), imports by outcome
 * ({@code shinrai.feedback.imports{outcome}}), their rows by result
 * ({@code shinrai.feedback.import.rows{result=imported|skipped|rejected}}) and their
 * duration ({@code shinrai.feedback.import.duration}). Corrections are not new entries
 * and are not counted.
 */
@Component
class FeedbackMeters {

	private final MeterRegistry meters;

	private final FeedbackImports imports;

	FeedbackMeters(MeterRegistry meters, FeedbackImports imports) {
		this.meters = meters;
		this.imports = imports;
	}

	@TransactionalEventListener
	void on(FeedbackLogged event) {
		if (event.corrected() != null) {
			return;
		}
		for (FeedbackLogged.Entry entry : event.entries()) {
			Counter.builder("shinrai.feedback.entries.stored")
				.description("Feedback entries stored, by source")
				.tag("source", entry.source().name())
				.register(meters)
				.increment();
		}
	}

	@TransactionalEventListener
	void on(FeedbackImportFinished event) {
		Counter.builder("shinrai.feedback.imports")
			.description("CSV imports ended, by outcome")
			.tag("outcome", event.completed() ? "completed" : "failed")
			.register(meters)
			.increment();
		imports.find(event.importId()).ifPresent(this::measure);
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
