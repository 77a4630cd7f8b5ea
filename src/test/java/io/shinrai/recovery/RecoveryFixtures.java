package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Negativity;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customers and feedback written the way the feedback module will write them (its FeedbackLog is not on this branch):
 * rows through SQL, then {@link FeedbackLogged} published inside the storing transaction, per entry for the form and
 * the API, per batch for an import.
 */
final class RecoveryFixtures {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	RecoveryFixtures(JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = transactions;
	}

	/** A uniquely named customer in its own segment (so segment-scoped measures see only the test's data). */
	long customer(String segment) {
		String reference = "T-" + UUID.randomUUID();
		return jdbc.sql("insert into customer (reference, name, segment) values (?, ?, ?) returning id")
			.params(reference, "Customer " + reference.substring(2, 10), segment)
			.query(Long.class)
			.single();
	}

	long customer() {
		return customer("T-" + UUID.randomUUID());
	}

	String reference(long customerId) {
		return jdbc.sql("select reference from customer where id = ?").param(customerId).query(String.class).single();
	}

	/** Feedback as the form stores it, without publishing anything. */
	long insert(Feedback feedback) {
		Map<Signal, Integer> ratings = feedback.ratings();
		boolean negative = Negativity.isNegative(ratings.values(), feedback.incidents().size(), feedback.nps(), null,
				null);
		long id = jdbc.sql("""
				insert into feedback (customer_id, received_at, channel, category, rating_transparency,
				  rating_consistency, rating_communication, rating_quality, rating_values, nps, incident_types,
				  negative, source, logged_by)
				values (:customer, :receivedAt, 'EMAIL', 'SERVICE', :transparency, :consistency, :communication,
				  :quality, :values, :nps, cast(:incidents as varchar[]), :negative, :source, :loggedBy)
				returning id
				""")
			.param("customer", feedback.customerId())
			.param("receivedAt", Timestamp.from(feedback.receivedAt()))
			.param("transparency", ratings.get(Signal.TRANSPARENCY))
			.param("consistency", ratings.get(Signal.CONSISTENCY))
			.param("communication", ratings.get(Signal.COMMUNICATION))
			.param("quality", ratings.get(Signal.QUALITY))
			.param("values", ratings.get(Signal.VALUES))
			.param("nps", feedback.nps())
			.param("incidents", feedback.incidents().stream().map(Enum::name).toArray(String[]::new))
			.param("negative", negative)
			.param("source", feedback.source().name())
			.param("loggedBy", feedback.loggedBy())
			.query(Long.class)
			.single();
		for (IncidentType type : feedback.incidents()) {
			jdbc.sql("insert into feedback_incident (feedback_id, type) values (?, ?)").params(id, type.name()).update();
		}
		return id;
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

	/** One entry logged through the form or the API: stored and published in one transaction. */
	long log(Feedback feedback) {
		return transactions.execute(status -> {
			long id = insert(feedback);
			events.publishEvent(FeedbackLogged.of(entry(id)));
			return id;
		});
	}

	/** A negative entry (a broken promise and low ratings) logged by {@code loggedBy} through the form. */
	long logNegative(long customerId, String loggedBy) {
		return log(Feedback.negative(customerId, Instant.now(), loggedBy));
	}

	/** One import batch: all rows stored, then one event for the batch, in one transaction. */
	List<Long> importBatch(List<Feedback> batch) {
		return transactions.execute(status -> {
			List<Long> ids = new ArrayList<>();
			batch.forEach(feedback -> ids.add(insert(feedback)));
			events.publishEvent(new FeedbackLogged(ids.stream().map(this::entry).toList(), null));
			return ids;
		});
	}

	/** The event for entries stored earlier, published again (a re-delivery). */
	void publishAgain(List<Long> feedbackIds) {
		transactions.executeWithoutResult(status -> events
			.publishEvent(new FeedbackLogged(feedbackIds.stream().map(this::entry).toList(), null)));
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
