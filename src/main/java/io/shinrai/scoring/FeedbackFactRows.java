package io.shinrai.scoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * Reading feedback rows into what the calculator scores ({@link FeedbackFacts},
 * {@link CustomerEntry}).
 */
final class FeedbackFactRows {

	/** The columns {@link #facts} reads, of the row {@code f}. */
	static final String COLUMNS = "f.received_at, f.rating_transparency, f.rating_consistency,"
			+ " f.rating_communication, f.rating_quality, f.rating_values, f.incident_types, f.nps, f.csat, f.ces";

	private FeedbackFactRows() {
	}

	static FeedbackFacts facts(ResultSet rs, int row) throws SQLException {
		return new FeedbackFacts(rs.getTimestamp("received_at").toInstant(), ratings(rs),
				incidents(rs.getArray("incident_types")), rs.getObject("nps", Integer.class),
				rs.getObject("csat", Integer.class), rs.getObject("ces", Integer.class));
	}

	static CustomerEntry entry(ResultSet rs, int row) throws SQLException {
		return new CustomerEntry(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
				Channel.valueOf(rs.getString("channel")), Category.valueOf(rs.getString("category")), ratings(rs),
				(Integer) rs.getObject("nps", Integer.class), rs.getObject("csat", Integer.class),
				rs.getObject("ces", Integer.class), incidents(rs.getArray("incident_types")), rs.getString("comment"),
				rs.getBoolean("negative"));
	}

	static List<Observation> observations(List<FeedbackFacts> facts, ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>();
		facts.forEach(fact -> observations.addAll(fact.observations(policy)));
		return observations;
	}

	/** The ratings given, by signal (the columns {@code rating_<signal>}). */
	private static Map<Signal, Integer> ratings(ResultSet rs) throws SQLException {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		return ratings;
	}

	private static List<IncidentType> incidents(Array types) throws SQLException {
		List<IncidentType> incidents = new ArrayList<>();
		if (types != null) {
			for (Object type : (Object[]) types.getArray()) {
				incidents.add(IncidentType.valueOf((String) type));
			}
		}
		return incidents;
	}

}
