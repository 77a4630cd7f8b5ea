package io.shinrai.feedback;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The feedback tables through plain SQL. Entries are written with
 * {@code insert ... on conflict do nothing} so the unique external id and row hash
 * decide, even under concurrent requests, that an entry is stored once; many entries go
 * in one statement ({@code unnest} of arrays) instead of one round trip per row.
 */
@Repository
class FeedbackRows {

	/** One entry ready to insert: its pre-allocated id and resolved customer. */
	record Row(long id, long customerId, NewFeedback entry, boolean negative, Instant loggedAt) {
	}

	private static final String SELECT = """
			select f.id, f.customer_id, c.reference, c.name, c.segment, f.received_at, f.channel, f.category,
			       f.rating_transparency, f.rating_consistency, f.rating_communication, f.rating_quality, f.rating_values,
			       f.nps, f.csat, f.ces, f.incident_types, f.comment, f.negative, f.external_id, f.source, f.logged_by,
			       f.logged_at, f.import_id, f.version,
			       case when cardinality(f.incident_types) > 0 then array(
			           select i.note from unnest(f.incident_types) with ordinality as u(type, n)
			           left join feedback_incident i on i.feedback_id = f.id and i.type = u.type order by u.n)
			       end as incident_notes
			from feedback f join customer c on c.id = f.customer_id
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	FeedbackRows(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * Reserves {@code count} ids in one round trip, so a batch knows its ids before
	 * inserting.
	 */
	long[] nextIds(int count) {
		return jdbc.sql("select nextval('feedback_id_seq') from generate_series(1, ?)")
			.param(count)
			.query(Long.class)
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.toArray();
	}

	/**
	 * Inserts the rows whose external id and row hash are not stored yet, with their
	 * incidents, in two statements.
	 * @return the ids of the rows inserted
	 */
	Set<Long> insert(List<Row> rows) {
		if (rows.isEmpty()) {
			return Set.of();
		}
		int n = rows.size();
		String[] ids = new String[n];
		String[] customerIds = new String[n];
		String[] receivedAt = new String[n];
		String[] channels = new String[n];
		String[] categories = new String[n];
		String[][] ratings = new String[Signal.values().length][n];
		String[] nps = new String[n];
		String[] csat = new String[n];
		String[] ces = new String[n];
		String[] incidentTypes = new String[n];
		String[] comments = new String[n];
		String[] negative = new String[n];
		String[] externalIds = new String[n];
		String[] rowHashes = new String[n];
		String[] sources = new String[n];
		String[] loggedBy = new String[n];
		String[] loggedAt = new String[n];
		String[] importIds = new String[n];
		for (int i = 0; i < n; i++) {
			Row row = rows.get(i);
			NewFeedback entry = row.entry();
			ids[i] = Long.toString(row.id());
			customerIds[i] = Long.toString(row.customerId());
			receivedAt[i] = entry.receivedAt().toString();
			channels[i] = entry.channel().name();
			categories[i] = entry.category().name();
			for (Signal signal : Signal.values()) {
				ratings[signal.ordinal()][i] = text(entry.ratings().get(signal));
			}
			nps[i] = text(entry.nps());
			csat[i] = text(entry.csat());
			ces[i] = text(entry.ces());
			incidentTypes[i] = String.join(",", entry.incidents().keySet().stream().map(Enum::name).toList());
			comments[i] = entry.comment();
			negative[i] = Boolean.toString(row.negative());
			externalIds[i] = entry.externalId();
			rowHashes[i] = entry.rowHash();
			sources[i] = entry.source().name();
			loggedBy[i] = entry.loggedBy();
			loggedAt[i] = row.loggedAt().toString();
			importIds[i] = text(entry.importId());
		}
		List<Long> inserted = jdbcTemplate.queryForList("""
				insert into feedback (id, customer_id, received_at, channel, category, rating_transparency,
				    rating_consistency, rating_communication, rating_quality, rating_values, nps, csat, ces,
				    incident_types, comment, negative, external_id, row_hash, source, logged_by, logged_at, import_id)
				select id, customer_id, received_at, channel, category, r1, r2, r3, r4, r5, nps, csat, ces,
				    case when incidents = '' then '{}' else string_to_array(incidents, ',') end,
				    comment, negative, external_id, row_hash, source, logged_by, logged_at, import_id
				from unnest(cast(? as bigint[]), cast(? as bigint[]), cast(? as timestamptz[]), cast(? as varchar[]),
				    cast(? as varchar[]), cast(? as smallint[]), cast(? as smallint[]), cast(? as smallint[]),
				    cast(? as smallint[]), cast(? as smallint[]), cast(? as smallint[]), cast(? as smallint[]),
				    cast(? as smallint[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as boolean[]),
				    cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[]),
				    cast(? as timestamptz[]), cast(? as bigint[]))
				    as t(id, customer_id, received_at, channel, category, r1, r2, r3, r4, r5, nps, csat, ces,
				         incidents, comment, negative, external_id, row_hash, source, logged_by, logged_at, import_id)
				on conflict do nothing
				returning id
				""", Long.class, ids, customerIds, receivedAt, channels, categories, ratings[0], ratings[1], ratings[2],
				ratings[3], ratings[4], nps, csat, ces, incidentTypes, comments, negative, externalIds, rowHashes,
				sources, loggedBy, loggedAt, importIds);
		Set<Long> stored = new HashSet<>(inserted);
		insertIncidents(rows, stored);
		return stored;
	}

	private void insertIncidents(List<Row> rows, Set<Long> stored) {
		List<String> feedbackIds = new ArrayList<>();
		List<String> types = new ArrayList<>();
		List<String> notes = new ArrayList<>();
		for (Row row : rows) {
			if (stored.contains(row.id())) {
				row.entry().incidents().forEach((type, note) -> {
					feedbackIds.add(Long.toString(row.id()));
					types.add(type.name());
					notes.add(note);
				});
			}
		}
		if (!feedbackIds.isEmpty()) {
			jdbcTemplate.update("""
					insert into feedback_incident (feedback_id, type, note)
					select * from unnest(cast(? as bigint[]), cast(? as varchar[]), cast(? as varchar[]))
					""", feedbackIds.toArray(String[]::new), types.toArray(String[]::new),
					notes.toArray(String[]::new));
		}
	}

	/**
	 * Rewrites an entry's content if it still has {@code expectedVersion}; false when it
	 * has not.
	 */
	boolean update(long id, long expectedVersion, long customerId, NewFeedback entry, boolean negative) {
		MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", id)
			.addValue("version", expectedVersion)
			.addValue("customerId", customerId)
			.addValue("receivedAt", timestamp(entry.receivedAt()))
			.addValue("channel", entry.channel().name())
			.addValue("category", entry.category().name())
			.addValue("nps", entry.nps())
			.addValue("csat", entry.csat())
			.addValue("ces", entry.ces())
			.addValue("incidents", entry.incidents().keySet().stream().map(Enum::name).toArray(String[]::new))
			.addValue("comment", entry.comment())
			.addValue("negative", negative);
		for (Signal signal : Signal.values()) {
			params.addValue(signal.key(), entry.ratings().get(signal));
		}
		int updated = new NamedParameterJdbcTemplate(jdbcTemplate).update("""
				update feedback set customer_id = :customerId, received_at = :receivedAt, channel = :channel,
				    category = :category, rating_transparency = :transparency, rating_consistency = :consistency,
				    rating_communication = :communication, rating_quality = :quality, rating_values = :values,
				    nps = :nps, csat = :csat, ces = :ces, incident_types = cast(:incidents as varchar[]),
				    comment = :comment, negative = :negative, version = version + 1
				where id = :id and version = :version
				""", params);
		if (updated == 0) {
			return false;
		}
		jdbc.sql("delete from feedback_incident where feedback_id = ?").param(id).update();
		insertIncidents(List.of(new Row(id, customerId, entry, negative, clock.instant())), Set.of(id));
		return true;
	}

	Optional<StoredFeedback> find(long id) {
		return jdbc.sql(SELECT + " where f.id = ?").param(id).query(FeedbackRows::stored).optional();
	}

	/**
	 * Reads an entry and locks it until the transaction ends, so a correction sees the
	 * latest version.
	 */
	Optional<StoredFeedback> findForUpdate(long id) {
		return jdbc.sql(SELECT + " where f.id = ? for update of f").param(id).query(FeedbackRows::stored).optional();
	}

	Optional<StoredFeedback> findByExternalId(String externalId) {
		return jdbc.sql(SELECT + " where f.external_id = ?").param(externalId).query(FeedbackRows::stored).optional();
	}

	Optional<StoredFeedback> findByRowHash(String rowHash) {
		return jdbc.sql(SELECT + " where f.row_hash = ?").param(rowHash).query(FeedbackRows::stored).optional();
	}

	Page<StoredFeedback> search(FeedbackFilter filter, int page, int size) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter, params);
		long total = jdbc.sql("select count(*) from feedback f" + where).paramSource(params).query(Long.class).single();
		List<StoredFeedback> content = total <= (long) page * size ? List.of()
				: jdbc.sql(SELECT + where + " order by f.received_at desc, f.id desc limit :limit offset :offset")
					.paramSource(params.addValue("limit", size).addValue("offset", (long) page * size))
					.query(FeedbackRows::stored)
					.list();
		return new PageImpl<>(content, PageRequest.of(page, size), total);
	}

	/** Streams every matching entry, newest first, without holding them all in memory. */
	void stream(FeedbackFilter filter, Consumer<StoredFeedback> sink) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter, params);
		NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(streamingTemplate());
		named.query(SELECT + where + " order by f.received_at desc, f.id desc", params, rs -> {
			sink.accept(stored(rs, rs.getRow()));
		});
	}

	private JdbcTemplate streamingTemplate() {
		JdbcTemplate template = new JdbcTemplate(jdbcTemplate.getDataSource());
		// PostgreSQL streams with a cursor only inside a transaction and with a fetch
		// size
		template.setFetchSize(1000);
		return template;
	}

	List<StoredFeedback> latestForCustomer(long customerId, int limit) {
		return jdbc.sql(SELECT + " where f.customer_id = ? order by f.received_at desc, f.id desc limit ?")
			.param(customerId)
			.param(limit)
			.query(FeedbackRows::stored)
			.list();
	}

	/**
	 * Every entry of the customer, oldest first (exports of personal data, the
	 * transparency report).
	 */
	List<StoredFeedback> allForCustomer(long customerId) {
		return jdbc.sql(SELECT + " where f.customer_id = ? order by f.received_at, f.id")
			.param(customerId)
			.query(FeedbackRows::stored)
			.list();
	}

	/**
	 * The external ids and row hashes of the customer's entries (the keys an erasure
	 * keeps hashed).
	 */
	List<String[]> keysOfCustomer(long customerId) {
		return jdbc.sql("""
				select external_id, row_hash from feedback
				where customer_id = ? and (external_id is not null or row_hash is not null)
				""")
			.param(customerId)
			.query((rs, row) -> new String[] { rs.getString("external_id"), rs.getString("row_hash") })
			.list();
	}

	/**
	 * Empties the customer's comments, incident explanations and entry keys; numbers,
	 * times and types stay.
	 */
	int eraseCustomerTexts(long customerId) {
		jdbc.sql("""
				update feedback_incident i set note = null
				from feedback f where f.id = i.feedback_id and f.customer_id = ? and i.note is not null
				""").param(customerId).update();
		return jdbc.sql("""
				update feedback set comment = null, external_id = null, row_hash = null, version = version + 1
				where customer_id = ?
				""").param(customerId).update();
	}

	/** The ids of the customer's entries. */
	List<Long> idsOfCustomer(long customerId) {
		return jdbc.sql("select id from feedback where customer_id = ? order by id")
			.param(customerId)
			.query(Long.class)
			.list();
	}

	/**
	 * Comments and incident explanations of entries received before {@code instant} that
	 * are not empty yet.
	 */
	long countTextsBefore(Instant instant) {
		return jdbc.sql("""
				select (select count(*) from feedback where received_at < :at and comment is not null)
				     + (select count(*) from feedback_incident i join feedback f on f.id = i.feedback_id
				        where f.received_at < :at and i.note is not null)
				""").param("at", timestamp(instant)).query(Long.class).single();
	}

	/**
	 * Empties the comments and incident explanations of entries received before
	 * {@code instant}.
	 */
	EmptiedTexts emptyTextsBefore(Instant instant) {
		long notes = jdbc.sql("""
				update feedback_incident i set note = null
				from feedback f where f.id = i.feedback_id and f.received_at < ? and i.note is not null
				""").param(timestamp(instant)).update();
		List<Long> comments = jdbc.sql("""
				update feedback set comment = null, version = version + 1 where received_at < ? and comment is not null
				returning id
				""").param(timestamp(instant)).query(Long.class).list();
		return new EmptiedTexts(notes + comments.size(), comments);
	}

	/**
	 * What {@link #emptyTextsBefore} emptied: how many texts, and the entries whose
	 * comment it emptied.
	 */
	record EmptiedTexts(long texts, List<Long> comments) {
	}

	/** The customers with at least one entry received at or after {@code instant}. */
	Set<Long> customersWithFeedbackSince(Instant instant) {
		return new HashSet<>(jdbc.sql("select distinct customer_id from feedback where received_at >= ?")
			.param(timestamp(instant))
			.query(Long.class)
			.list());
	}

	/**
	 * Claims a form submission token. A second claim of the same token waits for the
	 * first transaction and then answers false.
	 */
	boolean claimSubmission(UUID token) {
		return jdbc.sql("insert into feedback_submission (token) values (?) on conflict do nothing")
			.param(token)
			.update() == 1;
	}

	void completeSubmission(UUID token, long feedbackId) {
		jdbc.sql("update feedback_submission set feedback_id = ? where token = ?")
			.param(feedbackId)
			.param(token)
			.update();
	}

	Optional<Long> submittedFeedback(UUID token) {
		return jdbc.sql("select feedback_id from feedback_submission where token = ? and feedback_id is not null")
			.param(token)
			.query(Long.class)
			.optional();
	}

	private static String where(FeedbackFilter filter, MapSqlParameterSource params) {
		List<String> conditions = new ArrayList<>();
		if (filter.from() != null) {
			conditions.add("f.received_at >= :from");
			params.addValue("from", timestamp(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("f.received_at < :to");
			params.addValue("to", timestamp(filter.to()));
		}
		if (filter.channel() != null) {
			conditions.add("f.channel = :channel");
			params.addValue("channel", filter.channel().name());
		}
		if (filter.category() != null) {
			conditions.add("f.category = :category");
			params.addValue("category", filter.category().name());
		}
		if (filter.negativeOnly()) {
			conditions.add("f.negative");
		}
		if (filter.incidentType() != null) {
			conditions.add("f.incident_types @> array[cast(:incident as varchar(40))]");
			params.addValue("incident", filter.incidentType().name());
		}
		if (filter.customerRef() != null) {
			// references that differ only in case are one customer to the person
			// filtering
			conditions.add("f.customer_id in (select id from customer where lower(reference) = lower(:customerRef))");
			params.addValue("customerRef", filter.customerRef());
		}
		if (filter.customerId() != null) {
			conditions.add("f.customer_id = :customerId");
			params.addValue("customerId", filter.customerId());
		}
		if (filter.segment() != null) {
			conditions.add("f.customer_id in (select id from customer where segment = :segment)");
			params.addValue("segment", filter.segment());
		}
		if (filter.withNps()) {
			conditions.add("f.nps is not null");
		}
		if (filter.rated() != null) {
			// a column name from the enum, never from the request
			conditions.add("f.rating_" + filter.rated().key() + " is not null");
		}
		if (filter.answered() != null) {
			// a column name from the enum, never from the request
			conditions.add("f." + filter.answered().name().toLowerCase(java.util.Locale.ROOT) + " is not null");
		}
		if (!filter.within().isAll()) {
			conditions.add("f.customer_id in (select id from customer where " + filter.within().sql("segment") + ")");
			params.addValues(filter.within().params());
		}
		if (filter.text() != null) {
			// the pg_trgm GIN index on comment serves ILIKE; % and _ typed by the user
			// are matched literally
			conditions.add("f.comment ilike :text");
			params.addValue("text", "%" + escapeLike(filter.text()) + "%");
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static String text(Object value) {
		return value == null ? null : value.toString();
	}

	private static StoredFeedback stored(ResultSet rs, int row) throws SQLException {
		EnumMap<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		EnumMap<IncidentType, String> incidents = new EnumMap<>(IncidentType.class);
		Object[] types = (Object[]) rs.getArray("incident_types").getArray();
		Array notesArray = rs.getArray("incident_notes");
		Object[] notes = notesArray == null ? new Object[0] : (Object[]) notesArray.getArray();
		for (int i = 0; i < types.length; i++) {
			incidents.put(IncidentType.valueOf((String) types[i]), i < notes.length ? (String) notes[i] : null);
		}
		long importId = rs.getLong("import_id");
		Long importIdOrNull = rs.wasNull() ? null : importId;
		return new StoredFeedback(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("reference"),
				rs.getString("name"), rs.getString("segment"), instant(rs, "received_at"),
				Channel.valueOf(rs.getString("channel")), Category.valueOf(rs.getString("category")), ratings,
				nullableInt(rs, "nps"), nullableInt(rs, "csat"), nullableInt(rs, "ces"), incidents,
				rs.getString("comment"), rs.getBoolean("negative"), rs.getString("external_id"),
				Source.valueOf(rs.getString("source")), rs.getString("logged_by"), instant(rs, "logged_at"),
				importIdOrNull, rs.getLong("version"));
	}

	private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
