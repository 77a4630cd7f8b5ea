package io.shinrai.scoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each customer's trust under the active policy as of a reference instant T0, stored in
 * {@code customer_trust_sums.reference_trust} and indexed, so that the customers list
 * sorted by trust reads a page through the index instead of scoring every customer
 * (docs/scaling.md). Between T0 and T every signal score only moves toward the prior
 * mean, by at most |s − μ|·(1 − 2^(−(T − T0)/H)), so a stored value is within
 * {@link Reference#delta()} of the exact trust as of T; the reader recomputes exactly the
 * customers near the page's boundaries. A row whose sums changed after T0 has no stored
 * value (the write function clears it) and is always recomputed. The job below moves T0
 * forward and recomputes every row, at most once per {@code max-age} and after a policy
 * activation; meanwhile the reader takes the exact path over every customer.
 */
@Component
class ReferenceTrust {

	static final String LOCK_NAME = "scoring-reference-trust";

	/** The value stored for a customer without trust (no evidence) as of T0. */
	static final double NO_TRUST = -1;

	/** Trust lies within [0, 100]: every point is 25·(r − 1) of a rating 1..5. */
	private static final double MAX_TRUST = Observation.POINTS_PER_STEP * 4;

	/**
	 * Slack for the rounding of the stored and the recomputed values (both within 1e-12
	 * of their real value).
	 */
	private static final double ROUNDING = 1e-9;

	private static final Logger log = LoggerFactory.getLogger(ReferenceTrust.class);

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	private final Clock clock;

	private final Duration maxAge;

	private final int batch;

	ReferenceTrust(JdbcClient jdbc, ScoringPolicies policies, Clock clock,
			@Value("${shinrai.scoring.reference-trust.max-age}") Duration maxAge,
			@Value("${shinrai.scoring.reference-trust.batch}") int batch) {
		if (maxAge.isNegative() || maxAge.isZero()) {
			throw new IllegalArgumentException("shinrai.scoring.reference-trust.max-age must be positive: " + maxAge);
		}
		if (batch < 1) {
			throw new IllegalArgumentException("shinrai.scoring.reference-trust.batch must be at least 1: " + batch);
		}
		this.jdbc = jdbc;
		this.policies = policies;
		this.clock = clock;
		this.maxAge = maxAge;
		this.batch = batch;
	}

	/**
	 * The stored values usable for scoring as of {@code asOf} under {@code serving}:
	 * computed with its policy version and basis, at an instant T0 ≤ asOf.
	 */
	Optional<Reference> usable(Serving serving, Instant asOf) {
		Basis basis = serving.basis();
		if (basis == null) {
			return Optional.empty();
		}
		return jdbc.sql("select instant from trust_reference where basis_id = ? and policy_version = ?")
			.param(basis.id())
			.param(serving.version().version())
			.query((rs, row) -> rs.getTimestamp("instant").toInstant())
			.optional()
			.filter(t0 -> !asOf.isBefore(t0))
			.map(t0 -> new Reference(basis.id(), t0, delta(serving.policy(), basis, t0, asOf)));
	}

	/**
	 * The largest distance between a stored trust (as of {@code t0}) and the same
	 * customer's exact trust as of {@code asOf} ≥ t0, with the same sums: each signal
	 * score s = (P·f + m·μ)/(E·f + m) lies within [0, 100] and, as f shrinks by r =
	 * 2^(−(asOf − t0)/H), s − μ shrinks by a factor within [r, 1] keeping its sign; trust
	 * is a weighted mean of the scores.
	 */
	static double delta(ScoringPolicy policy, Basis basis, Instant t0, Instant asOf) {
		double r = basis.decayTo(asOf) / basis.decayTo(t0);
		double spread = Math.max(policy.priorMean(), MAX_TRUST - policy.priorMean());
		return (1 - r) * spread + ROUNDING;
	}

	@Scheduled(cron = "${shinrai.scoring.reference-trust.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT1H", lockAtLeastFor = "PT10S")
	public void refreshWhenDue() {
		Serving serving = policies.servingState();
		if (serving.basis() == null) {
			return;
		}
		Optional<Instant> stored = jdbc
			.sql("select instant from trust_reference where basis_id = ? and policy_version = ?")
			.param(serving.basis().id())
			.param(serving.version().version())
			.query((rs, row) -> rs.getTimestamp("instant").toInstant())
			.optional();
		// many rows changed since (an import): the reader would take the exact path
		boolean manyChanged = stored.isPresent() && jdbc.sql("""
				select count(*) from (select 1 from customer_trust_sums
				                      where basis_id = ? and reference_trust is null limit ?) changed
				""")
			.param(serving.basis().id())
			.param(ReferencePages.MAX_CHANGED / 2)
			.query(Long.class)
			.single() >= ReferencePages.MAX_CHANGED / 2;
		if (stored.isEmpty() || manyChanged || stored.get().plus(maxAge).isBefore(clock.instant())) {
			refresh(serving);
		}
	}

	/**
	 * Recomputes every customer's stored trust as of now, in batches of customer ids
	 * (each its own transaction, rows locked in key order as the writers do), and then
	 * records the reference instant. Until then no stored value is used.
	 */
	void refresh(Serving serving) {
		Basis basis = serving.basis();
		Instant t0 = RowTime.micros(clock.instant());
		long started = System.nanoTime();
		jdbc.sql("delete from trust_reference where basis_id = ?").param(basis.id()).update();
		Map<String, Object> params = ScoringSql.trustParameters(serving.policy(), basis.decayTo(t0));
		params.put("basis", basis.id());
		params.put("noTrust", NO_TRUST);
		String update = """
				update customer_trust_sums s set reference_trust = coalesce((%s), :noTrust)
				where s.basis_id = :basis and s.customer_id between :from and :to
				""".formatted(ScoringSql.trust(serving.policy()));
		Long last = jdbc.sql("select max(customer_id) from customer_trust_sums where basis_id = ?")
			.param(basis.id())
			.query(Long.class)
			.single();
		long rows = 0;
		for (long from = 0; last != null && from <= last; from += batch) {
			params.put("from", from);
			params.put("to", from + batch - 1);
			rows += jdbc.sql(update).params(params).update();
		}
		jdbc.sql("""
				insert into trust_reference (basis_id, policy_version, instant, refreshed_at) values (?, ?, ?, ?)
				on conflict (basis_id) do update set policy_version = excluded.policy_version,
				    instant = excluded.instant, refreshed_at = excluded.refreshed_at
				""")
			.param(basis.id())
			.param(serving.version().version())
			.param(RowTime.timestamp(t0))
			.param(RowTime.timestamp(RowTime.micros(clock.instant())))
			.update();
		log.info("Reference trust of {} customers recomputed as of {} in {} ms", rows, t0,
				(System.nanoTime() - started) / 1_000_000);
	}

	/** Stored values of basis {@code basisId} as of {@code t0}, each within delta. */
	record Reference(long basisId, Instant t0, double delta) {
	}

}
