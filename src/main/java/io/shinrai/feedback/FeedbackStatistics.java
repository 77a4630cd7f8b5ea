package io.shinrai.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.system.SegmentScope;

/**
 * What other modules ask about stored feedback without reading its table: whether there
 * is any, how many incidents of each type a segment and channel had, who logged entries.
 * Written so their filters use the indexes on {@code received_at} and the customer
 * segment.
 */
@Service
@Transactional(readOnly = true)
public class FeedbackStatistics {

	private final JdbcClient jdbc;

	FeedbackStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Whether any feedback is stored at all. */
	public boolean any() {
		return jdbc.sql("select exists (select 1 from feedback)").query(Boolean.class).single();
	}

	/**
	 * Whether any entry of the segment and channel ({@code null}: all) was received at or
	 * before {@code asOf}.
	 */
	public boolean anyReceived(String segment, Channel channel, Instant asOf) {
		return anyReceived(SegmentScope.all().narrow(segment), channel, asOf);
	}

	/**
	 * Whether any entry of the segments and the channel ({@code null}: all) was received
	 * at or before {@code asOf}.
	 */
	public boolean anyReceived(SegmentScope segments, Channel channel, Instant asOf) {
		Filter filter = Filter.of(segments, channel);
		return jdbc
			.sql("select exists (select 1 from feedback f" + filter.join() + " where f.received_at <= :asOf"
					+ filter.conditions() + ")")
			.params(filter.params())
			.param("asOf", Timestamp.from(asOf))
			.query(Boolean.class)
			.single();
	}

	/**
	 * Incidents per type of the entries received in [from, to) of the segment and channel
	 * ({@code null}: all).
	 */
	public Map<IncidentType, Long> incidentCounts(String segment, Channel channel, Instant from, Instant to) {
		return incidentCounts(SegmentScope.all().narrow(segment), channel, from, to);
	}

	/**
	 * Incidents per type of the entries received in [from, to) of the segments and
	 * channel ({@code null}: all).
	 */
	public Map<IncidentType, Long> incidentCounts(SegmentScope segments, Channel channel, Instant from, Instant to) {
		Filter filter = Filter.of(segments, channel);
		Map<IncidentType, Long> counts = new EnumMap<>(IncidentType.class);
		jdbc.sql("select t.type, count(*) as n from feedback f" + filter.join()
				+ " cross join lateral unnest(f.incident_types) as t(type)"
				+ " where f.received_at >= :from and f.received_at < :to and cardinality(f.incident_types) > 0"
				+ filter.conditions() + " group by t.type")
			.params(filter.params())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.query((rs, row) -> counts.put(IncidentType.valueOf(rs.getString("type")), rs.getLong("n")))
			.list();
		return counts;
	}

	/** Who logged each of the entries, by entry id. */
	public Map<Long, String> loggedBy(Collection<Long> feedbackIds) {
		Map<Long, String> loggedBy = new HashMap<>();
		jdbc.sql("select id, logged_by from feedback where id = any(?)")
			.param(feedbackIds.toArray(Long[]::new))
			.query((rs, row) -> loggedBy.put(rs.getLong("id"), rs.getString("logged_by")))
			.list();
		return loggedBy;
	}

	/** When each of the entries was received, by entry id. */
	public Map<Long, Instant> receivedAt(Collection<Long> feedbackIds) {
		Map<Long, Instant> received = new HashMap<>();
		jdbc.sql("select id, received_at from feedback where id = any(?)")
			.param(feedbackIds.toArray(Long[]::new))
			.query((rs, row) -> received.put(rs.getLong("id"), rs.getTimestamp("received_at").toInstant()))
			.list();
		return received;
	}

	/**
	 * What an entry said, in brief: when, its incident types and its comment (for lists
	 * that summarise entries).
	 */
	public record Gist(long id, Instant receivedAt, List<IncidentType> incidents, String comment) {

		public Gist {
			incidents = List.copyOf(incidents);
		}

	}

	/** The gist of each of the entries, by entry id (one statement). */
	public Map<Long, Gist> gists(Collection<Long> feedbackIds) {
		Map<Long, Gist> gists = new HashMap<>();
		if (feedbackIds.isEmpty()) {
			return gists;
		}
		jdbc.sql("select id, received_at, incident_types, comment from feedback where id = any(?)")
			.param(feedbackIds.toArray(Long[]::new))
			.query((rs, row) -> {
				java.sql.Array array = rs.getArray("incident_types");
				List<IncidentType> incidents = new java.util.ArrayList<>();
				if (array != null) {
					for (Object type : (Object[]) array.getArray()) {
						incidents.add(IncidentType.valueOf(type.toString()));
					}
				}
				return gists.put(rs.getLong("id"), new Gist(rs.getLong("id"),
						rs.getTimestamp("received_at").toInstant(), incidents, rs.getString("comment")));
			})
			.list();
		return gists;
	}

	/**
	 * The SQL that narrows feedback {@code f} to a segment and channel; only the
	 * conditions needed.
	 */
	private record Filter(String join, String conditions, Map<String, Object> params) {

		static Filter of(SegmentScope segments, Channel channel) {
			StringBuilder conditions = new StringBuilder();
			Map<String, Object> params = new LinkedHashMap<>(segments.params());
			if (!segments.isAll()) {
				conditions.append(" and ").append(segments.sql("c.segment"));
			}
			if (channel != null) {
				conditions.append(" and f.channel = :channel");
				params.put("channel", channel.name());
			}
			String join = !segments.isAll() ? " join customer c on c.id = f.customer_id" : "";
			return new Filter(join, conditions.toString(), params);
		}

	}

}
