package io.shinrai.audit;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records who did what and when. Joins the caller's transaction so an action and its audit event commit or roll back
 * together.
 */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String actor, AuditType type, String subject, String summary, String before, String after) {
		jdbc.sql("""
				insert into audit_event (occurred_at, actor, type, subject, summary, before_state, after_state)
				values (:at, :actor, :type, :subject, :summary, :before, :after)
				""")
			.param("at", java.sql.Timestamp.from(Instant.now()))
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

}
