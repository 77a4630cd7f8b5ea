package io.shinrai.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who did what and when, and lets admins read it back. Recording joins the
 * caller's transaction so an action and its audit event commit or roll back together.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	private final Clock clock;

	AuditLog(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String actor, AuditType type, String subject, String summary, String before, String after) {
		jdbc.sql("""
				insert into audit_event (occurred_at, actor, type, subject, summary, before_state, after_state)
				values (:at, :actor, :type, :subject, :summary, :before, :after)
				""")
			.param("at", Timestamp.from(clock.instant()))
			.param("actor", actor)
			.param("type", type.name())
			.param("subject", subject)
			.param("summary", summary)
			.param("before", before)
			.param("after", after)
			.update();
	}

	public void record(String actor, AuditType type, String subject, String summary) {
		record(actor, type, subject, summary, null, null);
	}

	/**
	 * One page (from 1) of the events matching the query, newest first. Only the
	 * conditions given are part of the SQL, so each filter can use its index (type,
	 * actor, time).
	 */
	@Transactional(readOnly = true)
	public AuditPage search(AuditQuery query, int page, int size) {
		if (page < 1 || size < 1) {
			throw new IllegalArgumentException("page and size start at 1");
		}
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.type() != null) {
			conditions.add("type = :type");
			params.put("type", query.type().name());
		}
		if (query.actor() != null) {
			conditions.add("actor = :actor");
			params.put("actor", query.actor());
		}
		if (query.from() != null) {
			conditions.add("occurred_at >= :from");
			params.put("from", Timestamp.from(query.from()));
		}
		if (query.to() != null) {
			conditions.add("occurred_at < :to");
			params.put("to", Timestamp.from(query.to()));
		}
		String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
		long total = jdbc.sql("select count(*) from audit_event" + where).params(params).query(Long.class).single();
		List<AuditEvent> events = jdbc
			.sql("select id, occurred_at, actor, type, subject, summary, before_state, after_state from audit_event"
					+ where + " order by occurred_at desc, id desc limit :limit offset :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) (page - 1) * size)
			.query(AuditLog::event)
			.list();
		return new AuditPage(events, total, page, size);
	}

	/**
	 * The events about a person, oldest first: those whose subject is one of
	 * {@code subjects}, and those whose summary, before or after text contains one of
	 * {@code mentions} (exports of personal data).
	 */
	@Transactional(readOnly = true)
	public List<AuditEvent> about(Collection<String> subjects, Collection<String> mentions) {
		return jdbc
			.sql("select id, occurred_at, actor, type, subject, summary, before_state, after_state from audit_event"
					+ MATCHING + " order by occurred_at, id")
			.param("subjects", subjects.toArray(String[]::new))
			.param("mentions", mentions.toArray(String[]::new))
			.query(AuditLog::event)
			.list();
	}

	/**
	 * Erases what the events about a person say about them (see {@link #about}): their
	 * before and after texts are emptied, a summary that mentions them too, and the
	 * subject becomes {@code newSubject} where it was one of {@code subjects} and a new
	 * one is given. Who did what and when stays.
	 * @return the events changed
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int redact(Collection<String> subjects, Collection<String> mentions, String newSubject) {
		return jdbc
			.sql("""
					update audit_event set
					    before_state = null,
					    after_state = null,
					    summary = case when exists (select 1 from unnest(cast(:mentions as text[])) m
					                                where position(m in coalesce(summary, '')) > 0) then null else summary end,
					    subject = case when subject = any(cast(:subjects as text[])) then coalesce(:newSubject, subject)
					                   else subject end
					"""
					+ MATCHING)
			.param("subjects", subjects.toArray(String[]::new))
			.param("mentions", mentions.toArray(String[]::new))
			.param("newSubject", newSubject)
			.update();
	}

	private static final String MATCHING = """
			 where subject = any(cast(:subjects as text[]))
			    or exists (select 1 from unnest(cast(:mentions as text[])) m
			               where position(m in coalesce(summary, '') || coalesce(before_state, '') || coalesce(after_state, '')) > 0)
			""";

	/**
	 * Everyone who has done something audited, in name order (read as a skip scan over
	 * the actor index).
	 */
	@Transactional(readOnly = true)
	public List<String> actors() {
		return jdbc
			.sql("""
					with recursive actors (actor) as (
					  select min(actor) from audit_event
					  union all
					  select (select min(e.actor) from audit_event e where e.actor > a.actor) from actors a where a.actor is not null
					)
					select actor from actors where actor is not null order by actor
					""")
			.query(String.class)
			.list();
	}

	private static AuditEvent event(ResultSet rs, int row) throws SQLException {
		String typeName = rs.getString("type");
		AuditType type = null;
		try {
			type = AuditType.valueOf(typeName);
		}
		catch (IllegalArgumentException ex) {
			// recorded by a newer version of Shinrai; shown by its stored name
		}
		return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"), type,
				typeName, rs.getString("subject"), rs.getString("summary"), rs.getString("before_state"),
				rs.getString("after_state"));
	}

}
