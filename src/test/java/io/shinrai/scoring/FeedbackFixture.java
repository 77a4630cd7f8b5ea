package io.shinrai.scoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Negativity;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

/**
 * Stores customers and feedback the way feedback capture does (rows in customer, feedback and feedback_incident, the
 * negative flag from {@link Negativity}, then {@link FeedbackLogged} published inside the storing transaction), and
 * reads every row back for reference computations with {@link TrustCalculator}.
 */
class FeedbackFixture {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	FeedbackFixture(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.events = events;
	}

	/** One entry to store; {@code ratings} may be partial, {@code incidents} empty. */
	record Draft(long customerId, Instant receivedAt, Channel channel, Category category, Map<Signal, Integer> ratings,
			Integer nps, Integer csat, Integer ces, List<IncidentType> incidents) {

		boolean negative() {
			return Negativity.isNegative(ratings.values(), incidents.size(), nps, csat, ces);
		}

	}

	/** A stored row with what reference computations need. */
	record Row(long id, long customerId, String segment, Channel channel, FeedbackFacts facts, boolean negative) {
	}

	long customer(String reference, String name, String segment) {
		return tx.execute(status -> jdbc.sql("""
				insert into customer (reference, name, segment, email) values (?, ?, ?, ?) returning id
				""")
			.param(reference)
			.param(name)
			.param(segment)
			.param(reference.toLowerCase() + "@example.com")
			.query(Long.class)
			.single());
	}

	/** Stores the drafts in one transaction and publishes one event for all of them, as an import batch does. */
	List<Long> storeBatch(List<Draft> drafts) {
		return tx.execute(status -> {
			List<FeedbackLogged.Entry> entries = new ArrayList<>();
			for (Draft draft : drafts) {
				entries.add(insert(draft));
			}
			events.publishEvent(new FeedbackLogged(entries, null));
			return entries.stream().map(FeedbackLogged.Entry::feedbackId).toList();
		});
	}

	/** Stores one entry in its own transaction, as the form and the API do. */
	long store(Draft draft) {
		return tx.execute(status -> {
			FeedbackLogged.Entry entry = insert(draft);
			events.publishEvent(FeedbackLogged.of(entry));
			return entry.feedbackId();
		});
	}

	/** Replaces entry {@code id} by {@code draft} (which may move it to another customer, day or channel). */
	void correct(long id, Draft draft) {
		tx.executeWithoutResult(status -> {
			FeedbackLogged.Entry old = jdbc.sql("select id, customer_id, received_at, negative from feedback where id = ?")
				.param(id)
				.query((rs, row) -> new FeedbackLogged.Entry(rs.getLong("id"), rs.getLong("customer_id"),
						rs.getTimestamp("received_at").toInstant(), rs.getBoolean("negative"), Source.FORM))
				.single();
			jdbc.sql("""
					update feedback set customer_id = :customer, received_at = :at, channel = :channel,
					    category = :category, rating_transparency = :transparency, rating_consistency = :consistency,
					    rating_communication = :communication, rating_quality = :quality, rating_values = :values,
					    nps = :nps, csat = :csat, ces = :ces, incident_types = cast(:incidents as varchar[]),
					    negative = :negative, version = version + 1
					where id = :id
					""")
				.params(columns(draft))
				.param("id", id)
				.update();
			jdbc.sql("delete from feedback_incident where feedback_id = ?").param(id).update();
			insertIncidents(id, draft);
			events.publishEvent(new FeedbackLogged(List.of(new FeedbackLogged.Entry(id, draft.customerId(),
					draft.receivedAt(), draft.negative(), Source.FORM)), old));
		});
	}

	void changeSegment(long customerId, String segment) {
		tx.executeWithoutResult(status -> jdbc.sql("update customer set segment = ?, version = version + 1 where id = ?")
			.param(segment)
			.param(customerId)
			.update());
	}

	/** Every feedback row in the database (other tests' too: scopes pool everything). */
	List<Row> allRows() {
		return jdbc.sql("""
				select f.id, f.customer_id, c.segment, f.channel, f.received_at, f.rating_transparency,
				       f.rating_consistency, f.rating_communication, f.rating_quality, f.rating_values, f.nps, f.csat,
				       f.ces, f.incident_types, f.negative
				from feedback f join customer c on c.id = f.customer_id
				""")
			.query(FeedbackFixture::row)
			.list();
	}

	private FeedbackLogged.Entry insert(Draft draft) {
		long id = jdbc.sql("""
				insert into feedback (customer_id, received_at, channel, category, rating_transparency,
				    rating_consistency, rating_communication, rating_quality, rating_values, nps, csat, ces,
				    incident_types, negative, source, logged_by)
				values (:customer, :at, :channel, :category, :transparency, :consistency, :communication, :quality,
				    :values, :nps, :csat, :ces, cast(:incidents as varchar[]), :negative, 'FORM', 'test')
				returning id
				""")
			.params(columns(draft))
			.query(Long.class)
			.single();
		insertIncidents(id, draft);
		return new FeedbackLogged.Entry(id, draft.customerId(), draft.receivedAt(), draft.negative(), Source.FORM);
	}

	private void insertIncidents(long id, Draft draft) {
		for (IncidentType type : draft.incidents()) {
			jdbc.sql("insert into feedback_incident (feedback_id, type, note) values (?, ?, ?)")
				.param(id)
				.param(type.name())
				.param("note")
				.update();
		}
	}

	private static Map<String, Object> columns(Draft draft) {
		Map<String, Object> columns = new java.util.HashMap<>();
		columns.put("customer", draft.customerId());
		columns.put("at", OffsetDateTime.ofInstant(draft.receivedAt(), ZoneOffset.UTC));
		columns.put("channel", draft.channel().name());
		columns.put("category", draft.category().name());
		for (Signal signal : Signal.values()) {
			columns.put(signal.key(), draft.ratings().get(signal));
		}
		columns.put("nps", draft.nps());
		columns.put("csat", draft.csat());
		columns.put("ces", draft.ces());
		columns.put("incidents", draft.incidents().stream().map(Enum::name).toArray(String[]::new));
		columns.put("negative", draft.negative());
		return columns;
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		List<IncidentType> incidents = new ArrayList<>();
		Array types = rs.getArray("incident_types");
		for (Object type : (Object[]) types.getArray()) {
			incidents.add(IncidentType.valueOf((String) type));
		}
		FeedbackFacts facts = new FeedbackFacts(rs.getTimestamp("received_at").toInstant(), ratings, incidents,
				rs.getObject("nps", Integer.class), rs.getObject("csat", Integer.class),
				rs.getObject("ces", Integer.class));
		return new Row(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("segment"),
				Channel.valueOf(rs.getString("channel")), facts, rs.getBoolean("negative"));
	}

	/** A random entry: a random subset of ratings, answers and incidents, never empty. */
	static Draft randomDraft(Random random, long customerId, Instant receivedAt) {
		while (true) {
			Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
			for (Signal signal : Signal.values()) {
				if (random.nextInt(3) > 0) {
					ratings.put(signal, 1 + random.nextInt(5));
				}
			}
			List<IncidentType> incidents = new ArrayList<>();
			if (random.nextInt(6) == 0) {
				IncidentType[] types = IncidentType.values();
				incidents.add(types[random.nextInt(types.length)]);
				if (random.nextBoolean()) {
					IncidentType second = types[random.nextInt(types.length)];
					if (!incidents.contains(second)) {
						incidents.add(second);
					}
				}
			}
			Integer nps = random.nextInt(3) == 0 ? random.nextInt(11) : null;
			Integer csat = random.nextInt(3) == 0 ? 1 + random.nextInt(5) : null;
			Integer ces = random.nextInt(3) == 0 ? 1 + random.nextInt(7) : null;
			if (!ratings.isEmpty() || !incidents.isEmpty() || nps != null || csat != null || ces != null) {
				Channel[] channels = Channel.values();
				Category[] categories = Category.values();
				return new Draft(customerId, receivedAt, channels[random.nextInt(channels.length)],
						categories[random.nextInt(categories.length)], ratings, nps, csat, ces, incidents);
			}
		}
	}

}
