package io.shinrai.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Signal;

/**
 * What activating a policy draft would change: computed from the raw rows with both
 * policies side by side.
 */
@Component
class PolicyPreviews {

	private static final int BIGGEST_MOVES = 10;

	/**
	 * The smallest change listed as a move: half the tenth of a point scores are shown
	 * with, so that no listed move reads "0.0".
	 */
	private static final double SMALLEST_MOVE = 0.05;

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	PolicyPreviews(JdbcClient jdbc, ScoringPolicies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	/**
	 * What activating {@code draft} would change as of {@code asOf}, against the active
	 * version. Computed from the raw rows in one pass (a few seconds for a million
	 * entries), since the draft's half-life and severities have no sums of their own.
	 * @throws InvalidPolicyException when the draft is outside the allowed ranges
	 */
	PolicyPreview preview(ScoringPolicy draft, Instant asOf) {
		List<PolicyFieldError> errors = PolicyValidation.check(draft);
		if (!errors.isEmpty()) {
			throw new InvalidPolicyException(errors);
		}
		PolicyVersion activeVersion = policies.active();
		ScoringPolicy active = activeVersion.policy();
		Instant t = RowTime.micros(asOf);
		List<PreviewRow> rows = jdbc
			.sql("""
					with p as (select cast(:activeWeights as jsonb) as aw, cast(:draftWeights as jsonb) as dw)
					select f.customer_id, %s, %s,
					       count(*) filter (where f.negative and f.received_at > :activeWindow) as a_negatives,
					       count(*) filter (where f.negative and f.received_at > :draftWindow) as d_negatives
					from feedback f
					cross join p
					cross join lateral (select %s, %s) o
					cross join lateral (%s) a
					cross join lateral (%s) d
					where f.received_at <= :t
					group by f.customer_id
					""".formatted(ScoringSql.summed("a", "_a", "a_"), ScoringSql.summed("d", "_d", "d_"),
					ScoringSql.observationColumns("p.aw", "_a"), ScoringSql.observationColumns("p.dw", "_d"),
					ScoringSql.decay(":activeHalfLife"), ScoringSql.decay(":draftHalfLife")))
			.param("activeWeights", PolicyJson.incidentWeights(active.severities()))
			.param("draftWeights", PolicyJson.incidentWeights(draft.severities()))
			.param("activeWindow",
					RowTime.timestamp(RowTime.micros(asOf.minus(Duration.ofDays(active.riskWindowDays())))))
			.param("draftWindow",
					RowTime.timestamp(RowTime.micros(asOf.minus(Duration.ofDays(draft.riskWindowDays())))))
			.param("activeHalfLife", active.halfLifeDays())
			.param("draftHalfLife", draft.halfLifeDays())
			.param("t", RowTime.timestamp(t))
			.param("epoch", RowTime.secondsOf(asOf))
			.query((rs, row) -> new PreviewRow(rs.getLong("customer_id"), sums(rs, "a_"), sums(rs, "d_"),
					rs.getLong("a_negatives"), rs.getLong("d_negatives")))
			.list();
		long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
		Tally before = new Tally(active, customers);
		Tally after = new Tally(draft, customers);
		List<PolicyPreview.ScoreMove> moves = new ArrayList<>();
		for (PreviewRow row : rows) {
			TrustScore a = before.add(row.active(), row.activeNegatives());
			TrustScore d = after.add(row.draft(), row.draftNegatives());
			if (a.hasData() && d.hasData() && Math.abs(d.trust() - a.trust()) >= SMALLEST_MOVE) {
				moves.add(new PolicyPreview.ScoreMove(row.customerId(), null, null, a.trust(), d.trust()));
			}
		}
		moves.sort(Comparator.comparingDouble((PolicyPreview.ScoreMove move) -> -Math.abs(move.change()))
			.thenComparingLong(PolicyPreview.ScoreMove::customerId));
		List<PolicyPreview.ScoreMove> biggest = named(moves.subList(0, Math.min(BIGGEST_MOVES, moves.size())));
		return new PolicyPreview(asOf, activeVersion.version(), before.side(), after.side(), biggest);
	}

	private static Map<Signal, SignalSums> sums(ResultSet rs, String prefix) throws SQLException {
		Map<Signal, SignalSums> sums = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			sums.put(signal, new SignalSums(rs.getDouble(prefix + "wp_" + signal.key()),
					rs.getDouble(prefix + "w_" + signal.key())));
		}
		return sums;
	}

	private List<PolicyPreview.ScoreMove> named(List<PolicyPreview.ScoreMove> moves) {
		if (moves.isEmpty()) {
			return List.of();
		}
		Map<Long, String[]> names = new HashMap<>();
		jdbc.sql("select id, reference, name from customer where id = any(cast(? as bigint[]))")
			.param(moves.stream().map(PolicyPreview.ScoreMove::customerId).toArray(Long[]::new))
			.query(rs -> {
				names.put(rs.getLong("id"), new String[] { rs.getString("reference"), rs.getString("name") });
			});
		return moves.stream().map(move -> {
			String[] name = names.getOrDefault(move.customerId(), new String[2]);
			return new PolicyPreview.ScoreMove(move.customerId(), name[0], name[1], move.before(), move.after());
		}).toList();
	}

	private record PreviewRow(long customerId, Map<Signal, SignalSums> active, Map<Signal, SignalSums> draft,
			long activeNegatives, long draftNegatives) {
	}

	/**
	 * Counts customers per band and status under one policy, and pools their sums into
	 * the company's.
	 */
	private static final class Tally {

		private final ScoringPolicy policy;

		private final long customers;

		private final Map<Signal, SignalSums> company = new EnumMap<>(Signal.class);

		private final Map<Band, Long> bands = new EnumMap<>(Band.class);

		private final Map<CustomerStatus, Long> statuses = new EnumMap<>(CustomerStatus.class);

		private long withData;

		Tally(ScoringPolicy policy, long customers) {
			this.policy = policy;
			this.customers = customers;
			for (Signal signal : Signal.values()) {
				company.put(signal, SignalSums.ZERO);
			}
		}

		TrustScore add(Map<Signal, SignalSums> sums, long negatives) {
			sums.forEach((signal, s) -> company.merge(signal, s, SignalSums::plus));
			TrustScore score = TrustCalculator.fromSums(sums, policy);
			if (score.hasData()) {
				withData++;
				bands.merge(score.band(), 1L, Long::sum);
			}
			CustomerStatus status = CustomerStatus.of(negatives, policy);
			if (status != CustomerStatus.OK) {
				statuses.merge(status, 1L, Long::sum);
			}
			return score;
		}

		PolicyPreview.Side side() {
			Map<CustomerStatus, Long> all = new EnumMap<>(statuses);
			all.put(CustomerStatus.OK, customers - all.values().stream().mapToLong(Long::longValue).sum());
			return new PolicyPreview.Side(TrustCalculator.fromSums(company, policy), bands, customers - withData, all);
		}

	}

}
