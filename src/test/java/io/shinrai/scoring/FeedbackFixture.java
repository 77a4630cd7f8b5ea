package io.shinrai.scoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.TestFeedback;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * Stores customers and feedback through {@link TestFeedback} (so through
 * {@code FeedbackLog}: its rules, its negative flag, its
 * {@link io.shinrai.feedback.FeedbackLogged} event), and reads every row back for
 * reference computations with {@link TrustCalculator}.
 */
class FeedbackFixture {

	private final TestFeedback data;

	private final JdbcClient jdbc;

	FeedbackFixture(TestFeedback data, JdbcClient jdbc) {
		this.data = data;
		this.jdbc = jdbc;
	}

	/** One entry to store; {@code ratings} may be partial, {@code incidents} empty. */
	record Draft(long customerId, Instant receivedAt, Channel channel, Category category, Map<Signal, Integer> ratings,
			Integer nps, Integer csat, Integer ces, List<IncidentType> incidents) {
	}

	/** A stored row with what reference computations need. */
	record Row(long id, long customerId, String segment, Channel channel, FeedbackFacts facts, boolean negative) {
	}

	long customer(String reference, String name, String segment) {
		return data.customer(reference, name, segment);
	}

	/** Stores the drafts as one import batch (one transaction, one event). */
	List<Long> storeBatch(List<Draft> drafts) {
		return data.saveBatch(drafts.stream().map(this::entry).toList());
	}

	/** Stores one entry in its own transaction, as the form and the API do. */
	long store(Draft draft) {
		return entry(draft).save();
	}

	/**
	 * Replaces entry {@code id} by {@code draft} (which may move it to another customer,
	 * day or channel).
	 */
	void correct(long id, Draft draft) {
		data.correct(id, entry(draft));
	}

	void changeSegment(long customerId, String segment) {
		data.moveToSegment(customerId, segment);
	}

	private TestFeedback.Entry entry(Draft draft) {
		TestFeedback.Entry entry = data.entry(draft.customerId(), draft.receivedAt())
			.channel(draft.channel())
			.category(draft.category());
		draft.ratings().forEach(entry::rating);
		draft.incidents().forEach(entry::incident);
		if (draft.nps() != null) {
			entry.nps(draft.nps());
		}
		if (draft.csat() != null) {
			entry.csat(draft.csat());
		}
		if (draft.ces() != null) {
			entry.ces(draft.ces());
		}
		return entry;
	}

	/** Every feedback row in the database (other tests' too: scopes pool everything). */
	List<Row> allRows() {
		return jdbc.sql("""
				select f.id, f.customer_id, c.segment, f.channel, f.received_at, f.rating_transparency,
				       f.rating_consistency, f.rating_communication, f.rating_quality, f.rating_values, f.nps, f.csat,
				       f.ces, f.incident_types, f.negative
				from feedback f join customer c on c.id = f.customer_id
				""").query(FeedbackFixture::row).list();
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
