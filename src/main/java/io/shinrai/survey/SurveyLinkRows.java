package io.shinrai.survey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code survey_link} table, in plain SQL: links are inserted, claimed and listed,
 * never loaded as entities.
 */
@Repository
class SurveyLinkRows {

	private static final String SELECT = """
			select id, customer_id, case_id, created_by, created_at, expires_at, emailed_at, opened_at, answered_at,
			       feedback_id
			from survey_link""";

	private final JdbcClient jdbc;

	SurveyLinkRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(byte[] tokenHash, long customerId, Long caseId, String createdBy, Instant createdAt,
			Instant expiresAt) {
		return jdbc.sql("""
				insert into survey_link (token_hash, customer_id, case_id, created_by, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?) returning id
				""")
			.params(tokenHash, customerId, caseId, createdBy, Timestamp.from(createdAt), Timestamp.from(expiresAt))
			.query(Long.class)
			.single();
	}

	Optional<Row> findByHash(byte[] tokenHash) {
		return jdbc.sql(SELECT + " where token_hash = ?").param(tokenHash).query(SurveyLinkRows::row).optional();
	}

	/**
	 * Locks the link until the transaction ends: a concurrent answer waits and then sees
	 * this one's outcome.
	 */
	Optional<Row> lockByHash(byte[] tokenHash) {
		return jdbc.sql(SELECT + " where token_hash = ? for update")
			.param(tokenHash)
			.query(SurveyLinkRows::row)
			.optional();
	}

	void markOpened(long id, Instant at) {
		jdbc.sql("update survey_link set opened_at = ? where id = ? and opened_at is null")
			.params(Timestamp.from(at), id)
			.update();
	}

	void markEmailed(long id, Instant at) {
		jdbc.sql("update survey_link set emailed_at = ? where id = ?").params(Timestamp.from(at), id).update();
	}

	void markAnswered(long id, Instant at, long feedbackId) {
		jdbc.sql("update survey_link set answered_at = ?, feedback_id = ? where id = ? and answered_at is null")
			.params(Timestamp.from(at), feedbackId, id)
			.update();
	}

	List<Row> ofCustomer(long customerId, int limit) {
		return jdbc.sql(SELECT + " where customer_id = ? order by created_at desc, id desc limit ?")
			.params(customerId, limit)
			.query(SurveyLinkRows::row)
			.list();
	}

	List<Row> ofCase(long caseId, int limit) {
		return jdbc.sql(SELECT + " where case_id = ? order by created_at desc, id desc limit ?")
			.params(caseId, limit)
			.query(SurveyLinkRows::row)
			.list();
	}

	private static Row row(ResultSet rs, int row) throws SQLException {
		return new Row(rs.getLong("id"), rs.getLong("customer_id"), (Long) rs.getObject("case_id"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "expires_at"),
				instant(rs, "emailed_at"), instant(rs, "opened_at"), instant(rs, "answered_at"),
				(Long) rs.getObject("feedback_id"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	record Row(long id, long customerId, Long caseId, String createdBy, Instant createdAt, Instant expiresAt,
			Instant emailedAt, Instant openedAt, Instant answeredAt, Long feedbackId) {

		SurveyLinkState state(Instant now) {
			if (answeredAt != null) {
				return SurveyLinkState.ANSWERED;
			}
			if (!expiresAt.isAfter(now)) {
				return SurveyLinkState.EXPIRED;
			}
			if (openedAt != null) {
				return SurveyLinkState.OPENED;
			}
			return emailedAt != null ? SurveyLinkState.SENT : SurveyLinkState.CREATED;
		}

		SurveyLinkView view(Instant now) {
			return new SurveyLinkView(id, caseId, createdBy, createdAt, expiresAt, emailedAt, openedAt, answeredAt,
					feedbackId, state(now));
		}

	}

}
