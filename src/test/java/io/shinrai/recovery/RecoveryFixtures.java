package io.shinrai.recovery;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shinrai.TestFeedback;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers and feedback for the recovery tests, stored through {@link TestFeedback} (so
 * through the feedback module's {@code FeedbackLog}: its rules, its negative flag, its
 * {@link FeedbackLogged} event, per entry for the form and the API, per batch for an
 * import), plus the re-delivery of an event that was published already.
 */
final class RecoveryFixtures {

	private final TestFeedback data;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	RecoveryFixtures(TestFeedback data, JdbcClient jdbc, ApplicationEventPublisher events,
			TransactionTemplate transactions) {
		this.data = data;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * A uniquely named customer in its own segment (so segment-scoped measures see only
	 * the test's data).
	 */
	long customer(String segment) {
		return data.customer(segment, "Customer " + UUID.randomUUID().toString().substring(0, 8));
	}

	long customer() {
		return customer(TestFeedback.uniqueSegment());
	}

	String reference(long customerId) {
		return data.reference(customerId);
	}

	/** What the event says about a stored entry. */
	FeedbackLogged.Entry entry(long feedbackId) {
		return jdbc.sql("select id, customer_id, received_at, negative, source from feedback where id = ?")
			.param(feedbackId)
			.query((rs, row) -> new FeedbackLogged.Entry(rs.getLong("id"), rs.getLong("customer_id"),
					rs.getTimestamp("received_at").toInstant(), rs.getBoolean("negative"),
					Source.valueOf(rs.getString("source"))))
			.single();
	}

	/**
	 * One entry logged through the form or the API: stored and published in one
	 * transaction.
	 */
	long log(Feedback feedback) {
		return entry(feedback).save();
	}

	/**
	 * A negative entry (a broken promise and low ratings) logged by {@code loggedBy}
	 * through the form.
	 */
	long logNegative(long customerId, String loggedBy) {
		return log(Feedback.negative(customerId, Instant.now(), loggedBy));
	}

	/**
	 * One import batch: all rows stored, then one event for the batch, in one
	 * transaction.
	 */
	List<Long> importBatch(List<Feedback> batch) {
		return data.saveBatch(batch.stream().map(this::entry).toList());
	}

	/** The event for entries stored earlier, published again (a re-delivery). */
	void publishAgain(List<Long> feedbackIds) {
		transactions.executeWithoutResult(status -> events
			.publishEvent(new FeedbackLogged(feedbackIds.stream().map(this::entry).toList(), null)));
	}

	private TestFeedback.Entry entry(Feedback feedback) {
		TestFeedback.Entry entry = data.entry(feedback.customerId(), feedback.receivedAt())
			.source(feedback.source())
			.loggedBy(feedback.loggedBy());
		feedback.ratings().forEach(entry::rating);
		feedback.incidents().forEach(entry::incident);
		if (feedback.nps() != null) {
			entry.nps(feedback.nps());
		}
		return entry;
	}

	record Feedback(long customerId, Instant receivedAt, Map<Signal, Integer> ratings, List<IncidentType> incidents,
			Integer nps, String loggedBy, Source source) {

		static Feedback negative(long customerId, Instant receivedAt, String loggedBy) {
			return new Feedback(customerId, receivedAt, ratings(2), List.of(IncidentType.BROKEN_PROMISE), 3, loggedBy,
					Source.FORM);
		}

		static Feedback positive(long customerId, Instant receivedAt, String loggedBy) {
			return new Feedback(customerId, receivedAt, ratings(5), List.of(), 10, loggedBy, Source.FORM);
		}

		Feedback from(Source newSource) {
			return new Feedback(customerId, receivedAt, ratings, incidents, nps, loggedBy, newSource);
		}

		private static Map<Signal, Integer> ratings(int rating) {
			Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
			for (Signal signal : Signal.values()) {
				ratings.put(signal, rating);
			}
			return ratings;
		}

	}

}
