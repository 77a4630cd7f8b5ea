package io.shinrai.feedback.csv;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Entries logged through the form or the API carry neither an external id nor a row hash,
 * so their export re-imports without a key. This finds, for a batch of rows, the row
 * hashes such stored entries would have: same customer, same instant, same content. One
 * indexed query per batch (customer reference, then customer and received_at).
 */
@Repository
class UnkeyedFeedback {

	private final JdbcTemplate jdbc;

	UnkeyedFeedback(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The row hashes of stored entries without external id and row hash at the same
	 * customer and instant.
	 */
	Set<String> rowHashesLike(List<NewFeedback> entries) {
		String[] references = entries.stream().map(NewFeedback::customerRef).toArray(String[]::new);
		String[] instants = entries.stream().map(entry -> entry.receivedAt().toString()).toArray(String[]::new);
		Set<String> hashes = new HashSet<>();
		jdbc.query(
				"""
						select c.reference, f.received_at, f.channel, f.category, f.rating_transparency, f.rating_consistency,
						       f.rating_communication, f.rating_quality, f.rating_values, f.nps, f.csat, f.ces, f.incident_types,
						       f.comment
						from (select distinct reference, received_at from unnest(cast(? as varchar[]), cast(? as timestamptz[]))
						      as k(reference, received_at)) k
						join customer c on c.reference = k.reference
						join feedback f on f.customer_id = c.id and f.received_at = k.received_at
						where f.external_id is null and f.row_hash is null
						""",
				rs -> {
					hashes.add(RowHash.of(entry(rs)));
				}, references, instants);
		return hashes;
	}

	private static NewFeedback entry(ResultSet rs) throws SQLException {
		NewFeedback.Builder builder = NewFeedback.builder()
			.customer(rs.getString("reference"), null, null)
			.receivedAt(rs.getObject("received_at", OffsetDateTime.class).toInstant())
			.channel(Channel.valueOf(rs.getString("channel")))
			.category(Category.valueOf(rs.getString("category")))
			.nps(integer(rs, "nps"))
			.csat(integer(rs, "csat"))
			.ces(integer(rs, "ces"))
			.comment(rs.getString("comment"));
		EnumMap<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			Integer rating = integer(rs, "rating_" + signal.key());
			if (rating != null) {
				ratings.put(signal, rating);
			}
		}
		builder.ratings(ratings);
		for (Object type : (Object[]) rs.getArray("incident_types").getArray()) {
			builder.incident(IncidentType.valueOf((String) type), null);
		}
		return builder.build();
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
