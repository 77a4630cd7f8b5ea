package io.shinrai.insight;

import java.sql.Array;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.feedback.FeedbackCommentsEmptied;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.csv.FeedbackImports;
import io.shinrai.system.BusinessTime;

/**
 * Keeps the comment term counts in step with feedback. Storing or correcting entries only
 * queues their ids (one statement per {@link FeedbackLogged}, inside the storing
 * transaction, so nothing stored is ever missed); a background catch-up tokenises the
 * queued entries, takes out what each contributed before (a correction may move it to
 * another day, channel, segment or from negative to not) and adds what it contributes
 * now. Several instances may run the catch-up at once: each takes other queued entries
 * ({@code skip locked}) and writes counts in key order.
 */
@Component
public class TermCountMaintenance {

	private static final Logger log = LoggerFactory.getLogger(TermCountMaintenance.class);

	/** The term whose count is the number of entries with a comment. */
	static final String ENTRIES = "";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final TransactionTemplate tx;

	private final ZoneId zone;

	private final int batchSize;

	private final int batchesPerRun;

	private final FeedbackImports imports;

	TermCountMaintenance(JdbcClient jdbc, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions,
			BusinessTime businessTime, InsightProperties properties, FeedbackImports imports) {
		this.imports = imports;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.tx = new TransactionTemplate(transactions);
		this.zone = businessTime.zone();
		this.batchSize = properties.terms().batchSize();
		this.batchesPerRun = properties.terms().batchesPerRun();
	}

	@EventListener
	void queue(FeedbackLogged logged) {
		queueIds(logged.entries().stream().map(FeedbackLogged.Entry::feedbackId).toArray(Long[]::new));
	}

	private void queueIds(Long[] ids) {
		jdbc.sql(
				"insert into insight_term_pending (feedback_id) select unnest(cast(? as bigint[])) on conflict do nothing")
			.param(ids)
			.update();
	}

	/**
	 * Comments were emptied (erasure, retention): the entries are queued again, so the
	 * catch-up takes out what they contributed and deletes the written forms no entry
	 * backs any more. The queue row is written inside the emptying transaction, so an
	 * emptied comment is never left counted.
	 */
	@EventListener
	void queue(FeedbackCommentsEmptied emptied) {
		queueIds(emptied.feedbackIds().toArray(Long[]::new));
	}

	/**
	 * The background catch-up: a bounded amount of work per run, so other scheduled jobs
	 * are never held up long. It waits while an import is being stored (by any instance):
	 * the two compete for the same cores, and the import is what a user waits for; the
	 * queued entries are counted when it ends (docs/insights.md).
	 */
	@Scheduled(cron = "${shinrai.insight.terms.catch-up-cron}")
	void scheduledCatchUp() {
		if (imports.anyRunning()) {
			return;
		}
		int done = 0;
		for (int i = 0; i < batchesPerRun; i++) {
			int batch = countBatch();
			if (batch == 0) {
				break;
			}
			done += batch;
		}
		if (done > 0) {
			log.debug("Comment terms counted for {} entries", done);
		}
	}

	/**
	 * Counts every queued entry now (tests, and the rebuild); returns how many entries it
	 * processed.
	 */
	int catchUp() {
		int done = 0;
		int batch;
		while ((batch = countBatch()) > 0) {
			done += batch;
		}
		return done;
	}

	/** Entries whose counts are not updated yet. */
	public long pending() {
		return jdbc.sql("select count(*) from insight_term_pending").query(Long.class).single();
	}

	/**
	 * Forgets every count and queues every entry with a comment again, e.g. after
	 * segments were renamed.
	 */
	public void rebuild() {
		tx.executeWithoutResult(status -> {
			jdbc.sql("lock table insight_entry_terms in exclusive mode").update();
			jdbc.sql("truncate insight_term_day, insight_term_month, insight_term_day_all, insight_term_month_all,"
					+ " insight_term_surface, insight_entry_terms")
				.update();
			jdbc.sql("insert into insight_term_pending (feedback_id) select feedback_id from feedback_record"
					+ " where comment is not null on conflict do nothing")
				.update();
		});
	}

	private record Key(LocalDate day, String segment, String channel, boolean negative,
			String term) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			int order = day.compareTo(other.day);
			if (order == 0)
				order = segment.compareTo(other.segment);
			if (order == 0)
				order = channel.compareTo(other.channel);
			if (order == 0)
				order = Boolean.compare(negative, other.negative);
			return order != 0 ? order : term.compareTo(other.term);
		}

	}

	private record SurfaceKey(String term, String surface) implements Comparable<SurfaceKey> {

		@Override
		public int compareTo(SurfaceKey other) {
			int order = term.compareTo(other.term);
			return order != 0 ? order : surface.compareTo(other.surface);
		}

	}

	private record Contribution(long feedbackId, LocalDate day, String segment, String channel, boolean negative,
			String[] terms, String[] surfaces) {
	}

	private int countBatch() {
		Integer done = tx.execute(status -> {
			List<Long> ids = jdbc
				.sql("select feedback_id from insight_term_pending order by feedback_id limit ?"
						+ " for update skip locked")
				.param(batchSize)
				.query(Long.class)
				.list();
			if (ids.isEmpty()) {
				return 0;
			}
			Long[] idArray = ids.toArray(Long[]::new);
			jdbc.sql("delete from insight_term_pending where feedback_id = any(cast(? as bigint[]))")
				.param(idArray)
				.update();
			Map<Key, Integer> deltas = new TreeMap<>();
			Map<SurfaceKey, Integer> surfaceDeltas = new TreeMap<>();
			List<Contribution> before = jdbc
				.sql("select * from insight_entry_terms where feedback_id = any(cast(? as bigint[]))"
						+ " order by feedback_id for update")
				.param(idArray)
				.query((rs, row) -> new Contribution(rs.getLong("feedback_id"), rs.getObject("day", LocalDate.class),
						rs.getString("segment"), rs.getString("channel"), rs.getBoolean("negative"),
						strings(rs.getArray("terms")), strings(rs.getArray("surfaces"))))
				.list();
			before.forEach(old -> add(deltas, surfaceDeltas, old, -1));
			List<Contribution> now = new ArrayList<>();
			jdbc.sql(
					"select feedback_id, (received_at at time zone ?)::date as day, segment, channel, negative, comment"
							+ " from feedback_record where feedback_id = any(cast(? as bigint[])) and comment is not null")
				.param(zone.getId())
				.param(idArray)
				.query(rs -> {
					List<CommentTerms.Term> terms = CommentTerms.of(rs.getString("comment"));
					now.add(new Contribution(rs.getLong("feedback_id"), rs.getObject("day", LocalDate.class),
							segmentOf(rs.getString("segment")), rs.getString("channel"), rs.getBoolean("negative"),
							terms.stream().map(CommentTerms.Term::term).toArray(String[]::new),
							terms.stream().map(CommentTerms.Term::surface).toArray(String[]::new)));
				});
			now.forEach(entry -> add(deltas, surfaceDeltas, entry, 1));
			write(deltas, surfaceDeltas);
			jdbc.sql("delete from insight_entry_terms where feedback_id = any(cast(? as bigint[]))")
				.param(idArray)
				.update();
			if (!now.isEmpty()) {
				jdbcTemplate
					.batchUpdate("insert into insight_entry_terms (feedback_id, day, segment, channel, negative,"
							+ " terms, surfaces) values (?, ?, ?, ?, ?, ?, ?)", now, 500, (ps, entry) -> {
								ps.setLong(1, entry.feedbackId());
								ps.setDate(2, Date.valueOf(entry.day()));
								ps.setString(3, entry.segment());
								ps.setString(4, entry.channel());
								ps.setBoolean(5, entry.negative());
								ps.setArray(6, ps.getConnection().createArrayOf("text", entry.terms()));
								ps.setArray(7, ps.getConnection().createArrayOf("text", entry.surfaces()));
							});
			}
			return ids.size();
		});
		return done == null ? 0 : done;
	}

	private static String segmentOf(String segment) {
		return segment == null ? "" : segment;
	}

	private static String[] strings(Array array) throws java.sql.SQLException {
		Object[] values = (Object[]) array.getArray();
		return Arrays.copyOf(values, values.length, String[].class);
	}

	private static void add(Map<Key, Integer> deltas, Map<SurfaceKey, Integer> surfaceDeltas, Contribution entry,
			int sign) {
		deltas.merge(new Key(entry.day(), entry.segment(), entry.channel(), entry.negative(), ENTRIES), sign,
				Integer::sum);
		for (int i = 0; i < entry.terms().length; i++) {
			deltas.merge(new Key(entry.day(), entry.segment(), entry.channel(), entry.negative(), entry.terms()[i]),
					sign, Integer::sum);
			surfaceDeltas.merge(new SurfaceKey(entry.terms()[i], entry.surfaces()[i]), sign, Integer::sum);
		}
	}

	private void write(Map<Key, Integer> deltas, Map<SurfaceKey, Integer> surfaceDeltas) {
		deltas.values().removeIf(delta -> delta == 0);
		surfaceDeltas.values().removeIf(delta -> delta == 0);
		if (!deltas.isEmpty()) {
			int n = deltas.size();
			String[] days = new String[n];
			String[] segments = new String[n];
			String[] channels = new String[n];
			Boolean[] negatives = new Boolean[n];
			String[] terms = new String[n];
			Integer[] counts = new Integer[n];
			int i = 0;
			for (Map.Entry<Key, Integer> delta : deltas.entrySet()) {
				Key key = delta.getKey();
				days[i] = key.day().toString();
				segments[i] = key.segment();
				channels[i] = key.channel();
				negatives[i] = key.negative();
				terms[i] = key.term();
				counts[i] = delta.getValue();
				i++;
			}
			// months in key order too: the month of a day sorts with the day, so no two
			// writers wait on each other in opposite orders; every writer writes the
			// tables in the same order
			String deltaRows = " from unnest(cast(? as date[]), cast(? as varchar[]), cast(? as varchar[]),"
					+ " cast(? as boolean[]), cast(? as varchar[]), cast(? as integer[])) as u(d, s, c, n, w, e)";
			for (String table : List.of("day", "month")) {
				String period = table.equals("day") ? "d" : "cast(date_trunc('month', d) as date)";
				jdbcTemplate.update("insert into insight_term_" + table + " as t (" + table
						+ ", segment, channel, negative, term, entries) select " + period + ", s, c, n, w, sum(e)"
						+ deltaRows + " group by 1, 2, 3, 4, 5 having sum(e) <> 0 order by 1, 2, 3, 4, 5"
						+ " on conflict (" + table + ", segment, channel, negative, term)"
						+ " do update set entries = t.entries + excluded.entries", days, segments, channels, negatives,
						terms, counts);
			}
			for (String table : List.of("day", "month")) {
				String period = table.equals("day") ? "d" : "cast(date_trunc('month', d) as date)";
				jdbcTemplate.update(
						"insert into insight_term_" + table + "_all as t (" + table
								+ ", negative, term, entries) select " + period + ", n, w, sum(e)" + deltaRows
								+ " group by 1, 2, 3 having sum(e) <> 0 order by 1, 2, 3 on conflict (" + table
								+ ", negative, term) do update set entries = t.entries + excluded.entries",
						days, segments, channels, negatives, terms, counts);
			}
			if (deltas.values().stream().anyMatch(delta -> delta < 0)) {
				String keys = " from unnest(cast(? as date[]), cast(? as varchar[]), cast(? as varchar[]),"
						+ " cast(? as boolean[]), cast(? as varchar[])) as u(d, s, c, n, w)";
				String month = "cast(date_trunc('month', d) as date)";
				jdbcTemplate.update(
						"delete from insight_term_day where entries <= 0 and (day, segment, channel,"
								+ " negative, term) in (select d, s, c, n, w" + keys + ")",
						days, segments, channels, negatives, terms);
				jdbcTemplate.update(
						"delete from insight_term_month where entries <= 0 and (month, segment, channel,"
								+ " negative, term) in (select " + month + ", s, c, n, w" + keys + ")",
						days, segments, channels, negatives, terms);
				jdbcTemplate.update("delete from insight_term_day_all where entries <= 0 and (day, negative, term)"
						+ " in (select d, n, w" + keys + ")", days, segments, channels, negatives, terms);
				jdbcTemplate.update(
						"delete from insight_term_month_all where entries <= 0 and (month, negative, term)"
								+ " in (select " + month + ", n, w" + keys + ")",
						days, segments, channels, negatives, terms);
			}
		}
		if (!surfaceDeltas.isEmpty()) {
			List<String> terms = new ArrayList<>();
			List<String> surfaces = new ArrayList<>();
			List<Integer> counts = new ArrayList<>();
			surfaceDeltas.forEach((key, delta) -> {
				terms.add(key.term());
				surfaces.add(key.surface());
				counts.add(delta);
			});
			jdbcTemplate.update(
					"insert into insight_term_surface as t (term, surface, entries) select * from unnest("
							+ "cast(? as varchar[]), cast(? as varchar[]), cast(? as integer[])) order by 1, 2"
							+ " on conflict (term, surface) do update set entries = t.entries + excluded.entries",
					terms.toArray(String[]::new), surfaces.toArray(String[]::new), counts.toArray(Integer[]::new));
			if (counts.stream().anyMatch(delta -> delta < 0)) {
				// a written form no remaining entry uses is forgotten (erased comments
				// leave none of their words behind)
				jdbcTemplate.update(
						"delete from insight_term_surface where entries <= 0 and (term, surface) in (select * from"
								+ " unnest(cast(? as varchar[]), cast(? as varchar[])))",
						terms.toArray(String[]::new), surfaces.toArray(String[]::new));
			}
		}
	}

}
