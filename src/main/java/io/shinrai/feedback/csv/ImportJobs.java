package io.shinrai.feedback.csv;

import java.nio.charset.Charset;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code feedback_import} and {@code feedback_import_rejection} tables. */
@Repository
class ImportJobs {

	private static final String COLUMNS = "id, file_name, file_size, encoding, status, started_by, started_at, "
			+ "finished_at, total_rows, rows_done, imported, skipped, rejected, rejected_not_stored, failure";

	private final JdbcClient jdbc;

	private final JdbcTemplate streaming;

	private final Limits limits;

	private final Clock clock;

	ImportJobs(JdbcClient jdbc, JdbcTemplate jdbcTemplate, ImportProperties properties, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.limits = new Limits(properties.storedRejections(), properties.rejectedShareLimit(),
				properties.rejectedShareAfter());
		this.streaming = new JdbcTemplate(jdbcTemplate.getDataSource());
		this.streaming.setFetchSize(500);
	}

	@Transactional
	long create(String fileName, long fileSize, Charset encoding, List<String> header, long totalRows, String actor) {
		return create(fileName, fileSize, encoding, header, totalRows, actor, null);
	}

	/**
	 * A RUNNING job; {@code instanceId} names the application instance whose thread runs
	 * it.
	 */
	@Transactional
	long create(String fileName, long fileSize, Charset encoding, List<String> header, long totalRows, String actor,
			String instanceId) {
		Timestamp now = Timestamp.from(clock.instant());
		return jdbc.sql("""
				insert into feedback_import (file_name, file_size, encoding, header, status, started_by, started_at,
				    total_rows, heartbeat_at, instance_id)
				values (:name, :size, :encoding, :header, 'RUNNING', :actor, :now, :total, :now, :instance)
				returning id
				""")
			.param("instance", instanceId)
			.param("name", fileName)
			.param("size", fileSize)
			.param("encoding", encoding.name())
			.param("header", header.toArray(String[]::new))
			.param("actor", actor)
			.param("now", now)
			.param("total", totalRows)
			.query(Long.class)
			.single();
	}

	/**
	 * How much rejection an import takes: rejected rows are stored with their text up to
	 * {@code storedRejections} per import (the rest only counted), and an import whose
	 * rows are more than {@code rejectedShareLimit} percent rejected once
	 * {@code rejectedShareAfter} rows are done stops.
	 */
	record Limits(long storedRejections, int rejectedShareLimit, long rejectedShareAfter) {

		boolean mostlyRejected(Counts counts) {
			return counts.rowsDone() >= rejectedShareAfter
					&& counts.rejected() * 100 > counts.rowsDone() * rejectedShareLimit;
		}

	}

	/** A RUNNING job's counts right after a batch was recorded. */
	record Counts(long rowsDone, long rejected) {
	}

	Limits limits() {
		return limits;
	}

	/**
	 * Records one processed batch in the caller's transaction, so its rows and its counts
	 * commit together. Of the rejections, only as many are stored as the limit per import
	 * still allows; the rest are counted.
	 * @return the job's counts with this batch, or empty if the job is no longer RUNNING
	 * (it was declared dead meanwhile): the caller must roll back
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Optional<Counts> recordBatch(long id, int imported, int skipped, List<Rejection> rejections) {
		int rows = imported + skipped + rejections.size();
		// the row lock taken here orders the batches of one import stored side by side
		Optional<Long> alreadyStored = jdbc.sql(
				"select rejected - rejected_not_stored from feedback_import where id = :id and status = 'RUNNING' for update")
			.param("id", id)
			.query(Long.class)
			.optional();
		if (alreadyStored.isEmpty()) {
			return Optional.empty();
		}
		int stored = (int) Math.max(0, Math.min(rejections.size(), limits.storedRejections() - alreadyStored.get()));
		Counts counts = jdbc.sql("""
				update feedback_import
				set rows_done = rows_done + :rows, imported = imported + :imported, skipped = skipped + :skipped,
				    rejected = rejected + :rejected, rejected_not_stored = rejected_not_stored + :notStored,
				    heartbeat_at = :now
				where id = :id
				returning rows_done, rejected
				""")
			.param("rows", rows)
			.param("imported", imported)
			.param("skipped", skipped)
			.param("rejected", rejections.size())
			.param("notStored", rejections.size() - stored)
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.query((rs, row) -> new Counts(rs.getLong(1), rs.getLong(2)))
			.single();
		storeRejections(id, rejections.subList(0, stored));
		return Optional.of(counts);
	}

	private void storeRejections(long id, List<Rejection> rejections) {
		if (!rejections.isEmpty()) {
			streaming.batchUpdate("""
					insert into feedback_import_rejection (import_id, line_number, reasons, cells) values (?, ?, ?, ?)
					""", rejections, rejections.size(), (statement, rejection) -> {
				statement.setLong(1, id);
				statement.setLong(2, rejection.line());
				statement.setArray(3, statement.getConnection()
					.createArrayOf("text",
							rejection.reasons().stream().map(Reason::encode).map(ImportJobs::storable).toArray()));
				statement.setArray(4, statement.getConnection()
					.createArrayOf("text", rejection.cells().stream().map(ImportJobs::storable).toArray()));
			});
		}
	}

	/**
	 * The text as PostgreSQL can store it: a NUL (which it refuses in text) is kept as
	 * U+FFFD, so that the row it was in is rejected and shown instead of failing the
	 * whole batch.
	 */
	static String storable(String text) {
		return text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void complete(long id) {
		jdbc.sql(
				"update feedback_import set status = 'COMPLETED', finished_at = :now, heartbeat_at = :now where id = :id and status = 'RUNNING'")
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update();
	}

	/** Marks a job FAILED; {@code false} if it had already ended. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean fail(long id, Reason reason) {
		return jdbc
			.sql("""
					update feedback_import set status = 'FAILED', failure = :failure, finished_at = :now, heartbeat_at = :now
					where id = :id and status = 'RUNNING'
					""")
			.param("failure", reason.encode())
			.param("now", Timestamp.from(clock.instant()))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * RUNNING jobs that gave no sign of life since {@code silence}: their process died.
	 */
	@Transactional(readOnly = true)
	List<FeedbackImport> silentFor(Duration silence) {
		return jdbc
			.sql("select " + COLUMNS + " from feedback_import where status = 'RUNNING' and heartbeat_at < :limit")
			.param("limit", Timestamp.from(clock.instant().minus(silence)))
			.query(ImportJobs::job)
			.list();
	}

	/**
	 * Whether any instance is running an import that gave a sign of life within
	 * {@code silence} (a job of a dead process does not count).
	 */
	@Transactional(readOnly = true)
	boolean anyAliveWithin(Duration silence) {
		return jdbc
			.sql("select exists (select 1 from feedback_import where status = 'RUNNING' and heartbeat_at >= :limit)")
			.param("limit", Timestamp.from(clock.instant().minus(silence)))
			.query(Boolean.class)
			.single();
	}

	/** RUNNING jobs started by {@code instanceId}. */
	@Transactional(readOnly = true)
	List<FeedbackImport> runningOf(String instanceId) {
		return jdbc
			.sql("select " + COLUMNS + " from feedback_import where status = 'RUNNING' and instance_id = :instance")
			.param("instance", instanceId)
			.query(ImportJobs::job)
			.list();
	}

	@Transactional(readOnly = true)
	boolean running(long id) {
		return jdbc.sql("select count(*) from feedback_import where id = :id and status = 'RUNNING'")
			.param("id", id)
			.query(Long.class)
			.single() > 0;
	}

	@Transactional(readOnly = true)
	Optional<FeedbackImport> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from feedback_import where id = :id")
			.param("id", id)
			.query(ImportJobs::job)
			.optional();
	}

	@Transactional(readOnly = true)
	List<String> header(long id) {
		return jdbc.sql("select header from feedback_import where id = :id")
			.param("id", id)
			.query((rs, n) -> strings(rs.getArray(1)))
			.single();
	}

	@Transactional(readOnly = true)
	List<FeedbackImport> history(int offset, int limit) {
		return jdbc
			.sql("select " + COLUMNS
					+ " from feedback_import order by started_at desc, id desc offset :offset limit :limit")
			.param("offset", offset)
			.param("limit", limit)
			.query(ImportJobs::job)
			.list();
	}

	@Transactional(readOnly = true)
	long count() {
		return jdbc.sql("select count(*) from feedback_import").query(Long.class).single();
	}

	@Transactional(readOnly = true)
	List<Rejection> rejections(long id, int offset, int limit) {
		return jdbc.sql("""
				select line_number, reasons, cells from feedback_import_rejection where import_id = :id
				order by line_number offset :offset limit :limit
				""").param("id", id).param("offset", offset).param("limit", limit).query(ImportJobs::rejection).list();
	}

	/**
	 * How many of a job's stored rejected rows have each kind of reason
	 * ({@link Reason#group}), most rows first; a row with several kinds counts once for
	 * each.
	 */
	@Transactional(readOnly = true)
	Map<Reason, Long> rejectedRowsByReason(long id) {
		Map<Reason, Long> counts = new HashMap<>();
		streaming.query("select reasons from feedback_import_rejection where import_id = ?", rs -> {
			Set<Reason> kinds = new HashSet<>();
			for (String encoded : strings(rs.getArray("reasons"))) {
				kinds.add(Reason.decode(encoded).group());
			}
			kinds.forEach(kind -> counts.merge(kind, 1L, Long::sum));
		}, id);
		Map<Reason, Long> sorted = new LinkedHashMap<>();
		counts.entrySet()
			.stream()
			.sorted(Map.Entry.<Reason, Long>comparingByValue().reversed())
			.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
		return sorted;
	}

	/** Streams every rejection of a job in line order without loading them all. */
	@Transactional(readOnly = true)
	void forEachRejection(long id, Consumer<Rejection> consumer) {
		streaming.query(
				"select line_number, reasons, cells from feedback_import_rejection where import_id = ? order by line_number",
				rs -> {
					consumer.accept(rejection(rs, 0));
				}, id);
	}

	private static FeedbackImport job(ResultSet rs, int row) throws SQLException {
		String failure = rs.getString("failure");
		Reason reason = failure == null ? null : Reason.decode(failure);
		Timestamp finished = rs.getTimestamp("finished_at");
		return new FeedbackImport(rs.getLong("id"), rs.getString("file_name"), rs.getLong("file_size"),
				rs.getString("encoding"), FeedbackImport.Status.valueOf(rs.getString("status")),
				rs.getString("started_by"), rs.getTimestamp("started_at").toInstant(),
				finished == null ? null : finished.toInstant(), rs.getLong("total_rows"), rs.getLong("rows_done"),
				rs.getLong("imported"), rs.getLong("skipped"), rs.getLong("rejected"),
				rs.getLong("rejected_not_stored"), reason == null ? null : reason.key(),
				reason == null ? List.of() : reason.args());
	}

	private static Rejection rejection(ResultSet rs, int row) throws SQLException {
		List<Reason> reasons = new ArrayList<>();
		for (String encoded : strings(rs.getArray("reasons"))) {
			reasons.add(Reason.decode(encoded));
		}
		return new Rejection(rs.getLong("line_number"), reasons, strings(rs.getArray("cells")));
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.stream((Object[]) array.getArray()).map(value -> value == null ? "" : value.toString()).toList();
	}

}
