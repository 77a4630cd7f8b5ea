package io.shinrai.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The rows of {@code scoring_policy} and {@code scoring_basis}. Policy versions never
 * change once stored, so they are cached by number; which one is active or served is read
 * from the database every time (a cheap indexed query), so a new activation takes effect
 * on the next page load on every instance.
 */
@Component
class PolicyStore {

	private final JdbcClient jdbc;

	private final Map<Integer, PolicyVersion> versions = new ConcurrentHashMap<>();

	private final Map<Long, Basis> bases = new ConcurrentHashMap<>();

	PolicyStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	int activeVersion() {
		return jdbc.sql("select version from scoring_policy where active").query(Integer.class).single();
	}

	PolicyVersion active() {
		return find(activeVersion()).orElseThrow();
	}

	Optional<PolicyVersion> find(int version) {
		PolicyVersion cached = versions.get(version);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<PolicyVersion> found = jdbc.sql("select * from scoring_policy where version = ?")
			.param(version)
			.query(PolicyStore::version)
			.optional();
		found.ifPresent(this::remember);
		return found;
	}

	List<PolicyVersion> all() {
		List<PolicyVersion> all = jdbc.sql("select * from scoring_policy order by version")
			.query(PolicyStore::version)
			.list();
		all.forEach(this::remember);
		return all;
	}

	/**
	 * Caches a version read from the database. One read in a writing transaction may be
	 * that transaction's own insert (an activation reads back what it stored), which a
	 * rollback would undo and a later activation reuse the number of, here or on another
	 * instance: it is cached only once the transaction committed.
	 */
	private void remember(PolicyVersion version) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					versions.putIfAbsent(version.version(), version);
				}
			});
		}
		else {
			versions.putIfAbsent(version.version(), version);
		}
	}

	/**
	 * The newest version whose half-life and severities the READY basis was built for.
	 */
	Serving serving() {
		return jdbc.sql("""
				select p.version, b.id from scoring_policy p
				join scoring_basis b on b.state = 'READY' and b.half_life_days = p.half_life_days
				    and b.severities = p.severities
				order by p.version desc limit 1
				""")
			.query((rs, row) -> new Serving(find(rs.getInt("version")).orElseThrow(), basis(rs.getLong("id"))))
			.optional()
			.orElseGet(() -> new Serving(active(), null));
	}

	/**
	 * A basis whose time zone is fixed (bases are immutable from then on except for their
	 * state and progress).
	 */
	Basis basis(long id) {
		return bases.computeIfAbsent(id, key -> jdbc.sql(
				"select id, half_life_days, landmark, time_zone from scoring_basis where id = ? and time_zone is not null")
			.param(key)
			.query((rs, row) -> new Basis(rs.getLong("id"), rs.getDouble("half_life_days"),
					rs.getTimestamp("landmark").toInstant(), ZoneId.of(rs.getString("time_zone"))))
			.single());
	}

	/**
	 * Stores a new version and makes it the only active one; the caller holds the policy
	 * lock.
	 */
	void insertActive(int version, ScoringPolicy policy, Instant at, String actor, String reason, Integer copiedFrom) {
		jdbc.sql("update scoring_policy set active = false where active").update();
		StringBuilder columns = new StringBuilder();
		StringBuilder values = new StringBuilder();
		for (PolicyField field : PolicyField.values()) {
			columns.append(", ").append(field.column());
			values.append(", :").append(field.key());
		}
		JdbcClient.StatementSpec insert = jdbc.sql("""
				insert into scoring_policy (version, weights, severities%s,
				    activated_at, activated_by, reason, copied_from, active)
				values (:version, cast(:weights as jsonb), cast(:severities as jsonb)%s, :at, :actor, :reason,
				    :copiedFrom, true)
				""".formatted(columns, values))
			.param("version", version)
			.param("weights", PolicyJson.weights(policy.weights()))
			.param("severities", PolicyJson.severities(policy.severities()))
			.param("at", Timestamp.from(at))
			.param("actor", actor)
			.param("reason", reason)
			.param("copiedFrom", copiedFrom);
		for (PolicyField field : PolicyField.values()) {
			insert = insert.param(field.key(), policy.value(field));
		}
		insert.update();
	}

	int nextVersion() {
		return jdbc.sql("select coalesce(max(version), 0) + 1 from scoring_policy").query(Integer.class).single();
	}

	private static PolicyVersion version(ResultSet rs, int row) throws SQLException {
		Map<PolicyField, Double> values = new EnumMap<>(PolicyField.class);
		for (PolicyField field : PolicyField.values()) {
			values.put(field, rs.getDouble(field.column()));
		}
		ScoringPolicy policy = new ScoringPolicy(PolicyJson.readWeights(rs.getString("weights")),
				PolicyJson.readSeverities(rs.getString("severities")), values);
		// wasNull() answers for the column read last, so read copied_from on its own
		Integer copiedFrom = rs.getObject("copied_from", Integer.class);
		return new PolicyVersion(rs.getInt("version"), policy, rs.getTimestamp("activated_at").toInstant(),
				rs.getString("activated_by"), rs.getString("reason"), copiedFrom);
	}

}
