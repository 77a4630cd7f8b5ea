package io.shinrai.scoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Explanation.ExplainedInput;

/**
 * Trust scores of customers and scopes as of any instant, exactly as SCORING.md and {@link TrustCalculator} define
 * them, computed with the serving policy version (see {@link ScoringPolicies}).
 * <p>
 * A customer is scored from its own rows (a customer has few). A scope (segment, channel, company) is scored from the
 * forward-decay sums per day, segment and channel: the days before T's day, plus T's day so far from the raw rows,
 * times 2^(−(T − landmark)/H) (see {@link Basis}). When no basis is READY yet, or T is too far from its landmark,
 * scopes are scored from the raw rows instead, which is exact but slow.
 */
@Service
@Transactional(readOnly = true)
public class TrustScores {

	private static final int TREND_WEEKS = 52;

	private static final int BIGGEST_MOVES = 10;

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	TrustScores(JdbcClient jdbc, ScoringPolicies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	/** The policy every number is computed with right now (the serving version; see {@link ScoringPolicies}). */
	public ScoringPolicy activePolicy() {
		return policies.servingState().policy();
	}

	public CustomerTrust forCustomer(long customerId, Instant asOf) {
		ScoringPolicy policy = activePolicy();
		List<FeedbackFacts> facts = entries(customerId).stream().map(CustomerEntry::facts).toList();
		long negatives = TrustCalculator.negativeCount(facts, policy, asOf);
		return new CustomerTrust(TrustCalculator.score(observations(facts, policy), policy, asOf),
				CustomerStatus.of(negatives, policy), negatives);
	}

	/** Everything the customer page needs, from one read of the customer's rows. */
	public CustomerReport report(long customerId, Instant asOf) {
		PolicyVersion version = policies.servingState().version();
		ScoringPolicy policy = version.policy();
		List<CustomerEntry> entries = entries(customerId);
		List<FeedbackFacts> facts = entries.stream().map(CustomerEntry::facts).toList();
		List<ExplainedInput> inputs = new ArrayList<>();
		entries.forEach(entry -> inputs.addAll(ExplainedInput.of(entry.feedbackId(), entry.facts(), policy)));
		Explanation explanation = TrustCalculator.explain(inputs, policy, asOf);
		long negatives = TrustCalculator.negativeCount(facts, policy, asOf);
		CustomerTrust trust = new CustomerTrust(explanation.score(), CustomerStatus.of(negatives, policy), negatives);
		Duration window = Duration.ofDays(policy.riskWindowDays());
		List<CustomerEntry> negativeEntries = entries.stream()
			.filter(entry -> entry.facts().isNegative())
			.filter(entry -> {
				Duration age = Duration.between(entry.receivedAt(), asOf);
				return !age.isNegative() && age.compareTo(window) < 0;
			})
			.toList();
		List<Observation> observations = observations(facts, policy);
		List<TrendPoint> trend = new ArrayList<>();
		for (int week = TREND_WEEKS; week >= 0; week--) {
			Instant at = asOf.minus(Duration.ofDays(7L * week));
			trend.add(TrendPoint.of(at, TrustCalculator.score(observations, policy, at)));
		}
		return new CustomerReport(customerId, asOf, version, trust, explanation, negativeEntries, trend, entries);
	}

	/** A scope's pooled trust, with NPS, CSAT and CES over the risk window ending at {@code asOf}. */
	public ScopeTrust forScope(Scope scope, Instant asOf) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		// the risk window of SCORING.md's customer status: 0 ≤ T − t < riskWindowDays
		Instant windowStart = asOf.minus(Duration.ofDays(policy.riskWindowDays()));
		Basis basis = serving.basis();
		if (basis == null || !basis.covers(asOf)) {
			List<FeedbackFacts> facts = scopeFacts(scope, asOf);
			return new ScopeTrust(TrustCalculator.score(observations(facts, policy), policy, asOf),
					satisfactionFromFacts(facts, windowStart, false, asOf, true));
		}
		return new ScopeTrust(TrustCalculator.fromSums(scopeSums(basis, scope, asOf), policy),
				satisfaction(basis, scope, windowStart, false, asOf, true));
	}

	/** NPS, CSAT and CES of a scope's entries received in [from, to). */
	public SatisfactionMetrics satisfaction(Scope scope, Instant from, Instant to) {
		Basis basis = policies.servingState().basis();
		if (basis == null) {
			return satisfactionFromFacts(scopeFacts(scope, to), from, true, to, false);
		}
		return satisfaction(basis, scope, from, true, to, false);
	}

	/**
	 * A scope's trust as of each instant (in the order given). Instants at the start of a day in the business time
	 * zone are the cheapest: nothing of their day needs reading from the raw rows.
	 */
	public List<TrustScore> trend(Scope scope, List<Instant> instants) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Basis basis = serving.basis();
		if (instants.isEmpty()) {
			return List.of();
		}
		if (basis == null || instants.stream().anyMatch(at -> !basis.covers(at))) {
			return instants.stream().map(at -> {
				List<FeedbackFacts> facts = scopeFacts(scope, at);
				return TrustCalculator.score(observations(facts, policy), policy, at);
			}).toList();
		}
		List<DayBounds> bounds = daysOf(basis, instants);
		LocalDate lastDay = bounds.stream().map(DayBounds::day).max(Comparator.naturalOrder()).orElseThrow();
		// Σ per day before the last instant's day, then running totals
		List<LocalDate> days = new ArrayList<>();
		List<double[]> running = new ArrayList<>();
		double[] total = new double[10];
		jdbc.sql("select day, " + SumColumns.SUMMED + " from trust_daily_sums where basis_id = :basis and day < :last"
				+ dailyFilter(scope) + " group by day order by day")
			.param("basis", basis.id())
			.param("last", lastDay)
			.params(scopeParams(scope))
			.query(rs -> {
				double[] day = SumColumns.raw(rs);
				for (int i = 0; i < total.length; i++) {
					total[i] += day[i];
				}
				days.add(rs.getObject("day", LocalDate.class));
				running.add(total.clone());
			});
		List<TrustScore> scores = new ArrayList<>();
		for (int i = 0; i < instants.size(); i++) {
			Instant at = instants.get(i);
			DayBounds bound = bounds.get(i);
			double[] sums = new double[10];
			int before = lastIndexBefore(days, bound.day());
			if (before >= 0) {
				System.arraycopy(running.get(before), 0, sums, 0, sums.length);
			}
			double[] partial = rawSums(basis, scope, bound.start(), at);
			for (int k = 0; k < sums.length; k++) {
				sums[k] += partial[k];
			}
			scores.add(TrustCalculator.fromSums(SumColumns.decay(sums, basis.decayTo(at)), policy));
		}
		return scores;
	}

	/** Trust of every segment that has data as of {@code asOf}, by segment name. */
	public Map<String, TrustScore> bySegment(Instant asOf) {
		Map<String, TrustScore> scores = new LinkedHashMap<>();
		grouped("segment", asOf).forEach((segment, score) -> scores.put(segment, score));
		return scores;
	}

	/** Trust of every channel that has data as of {@code asOf}, in channel order. */
	public Map<Channel, TrustScore> byChannel(Instant asOf) {
		Map<Channel, TrustScore> scores = new EnumMap<>(Channel.class);
		grouped("channel", asOf).forEach((channel, score) -> scores.put(Channel.valueOf(channel), score));
		return scores;
	}

	/**
	 * What activating {@code draft} would change as of {@code asOf}, against the active version. Computed from the
	 * raw rows in one pass (a few seconds for a million entries), since the draft's half-life and severities have no
	 * sums of their own.
	 * @throws InvalidPolicyException when the draft is outside the allowed ranges
	 */
	public PolicyPreview preview(ScoringPolicy draft, Instant asOf) {
		List<PolicyFieldError> errors = ScoringPolicies.validate(draft);
		if (!errors.isEmpty()) {
			throw new InvalidPolicyException(errors);
		}
		PolicyVersion activeVersion = policies.active();
		ScoringPolicy active = activeVersion.policy();
		Instant t = micros(asOf);
		List<PreviewRow> rows = jdbc.sql("""
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
				""".formatted(RawSql.summed("a", "_a", "a_"), RawSql.summed("d", "_d", "d_"),
					RawSql.observationColumns("p.aw", "_a"), RawSql.observationColumns("p.dw", "_d"),
					RawSql.decay(":activeHalfLife"), RawSql.decay(":draftHalfLife")))
			.param("activeWeights", PolicyJson.incidentWeights(active.severities()))
			.param("draftWeights", PolicyJson.incidentWeights(draft.severities()))
			.param("activeWindow", timestamp(micros(asOf.minus(Duration.ofDays(active.riskWindowDays())))))
			.param("draftWindow", timestamp(micros(asOf.minus(Duration.ofDays(draft.riskWindowDays())))))
			.param("activeHalfLife", active.halfLifeDays())
			.param("draftHalfLife", draft.halfLifeDays())
			.param("t", timestamp(t))
			.param("epoch", secondsOf(asOf))
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
			if (a.hasData() && d.hasData()) {
				moves.add(new PolicyPreview.ScoreMove(row.customerId(), null, null, a.trust(), d.trust()));
			}
		}
		moves.sort(Comparator.comparingDouble((PolicyPreview.ScoreMove move) -> -Math.abs(move.change()))
			.thenComparingLong(PolicyPreview.ScoreMove::customerId));
		List<PolicyPreview.ScoreMove> biggest = named(moves.subList(0, Math.min(BIGGEST_MOVES, moves.size())));
		return new PolicyPreview(asOf, activeVersion.version(), before.side(), after.side(), biggest);
	}

	// ---------------------------------------------------------------------------------------------------------------
	// customers

	private List<CustomerEntry> entries(long customerId) {
		return jdbc.sql("""
				select id, received_at, channel, category, rating_transparency, rating_consistency,
				       rating_communication, rating_quality, rating_values, nps, csat, ces, incident_types, comment,
				       negative
				from feedback where customer_id = ? order by received_at desc, id desc
				""")
			.param(customerId)
			.query(TrustScores::entry)
			.list();
	}

	private static CustomerEntry entry(ResultSet rs, int row) throws SQLException {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		return new CustomerEntry(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(),
				Channel.valueOf(rs.getString("channel")), Category.valueOf(rs.getString("category")), ratings,
				(Integer) rs.getObject("nps", Integer.class), rs.getObject("csat", Integer.class),
				rs.getObject("ces", Integer.class), incidents(rs.getArray("incident_types")), rs.getString("comment"),
				rs.getBoolean("negative"));
	}

	private static List<IncidentType> incidents(Array types) throws SQLException {
		List<IncidentType> incidents = new ArrayList<>();
		if (types != null) {
			for (Object type : (Object[]) types.getArray()) {
				incidents.add(IncidentType.valueOf((String) type));
			}
		}
		return incidents;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// scopes from the sums

	/** Σ per signal of a scope as of {@code asOf}: the days before its day from the sums, its day from the rows. */
	private Map<Signal, SignalSums> scopeSums(Basis basis, Scope scope, Instant asOf) {
		DayBounds day = dayOf(basis, asOf);
		double[] sums = jdbc.sql("select " + SumColumns.SUMMED + " from (select " + SumColumns.PLAIN
				+ " from trust_daily_sums where basis_id = :basis and day < :day" + dailyFilter(scope)
				+ " union all select " + SumColumns.PLAIN + " from scoring_contribution"
				+ " where basis_id = :basis and received_at >= :start and received_at <= :t" + dailyFilter(scope)
				+ ") parts")
			.param("basis", basis.id())
			.param("day", day.day())
			.param("start", timestamp(day.start()))
			.param("t", timestamp(micros(asOf)))
			.params(scopeParams(scope))
			.query((rs, row) -> SumColumns.raw(rs))
			.single();
		return SumColumns.decay(sums, basis.decayTo(asOf));
	}

	/** Raw sums of a scope's entries in [from, to]. */
	private double[] rawSums(Basis basis, Scope scope, Instant from, Instant to) {
		if (from.isAfter(to)) {
			return new double[10];
		}
		return jdbc.sql("select " + SumColumns.SUMMED + " from scoring_contribution"
				+ " where basis_id = :basis and received_at >= :from and received_at <= :to" + dailyFilter(scope))
			.param("basis", basis.id())
			.param("from", timestamp(from))
			.param("to", timestamp(micros(to)))
			.params(scopeParams(scope))
			.query((rs, row) -> SumColumns.raw(rs))
			.single();
	}

	/** Scores per segment or channel ({@code column}) as of {@code asOf}. */
	private Map<String, TrustScore> grouped(String column, Instant asOf) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Basis basis = serving.basis();
		Map<String, TrustScore> scores = new java.util.TreeMap<>();
		if (basis == null || !basis.covers(asOf)) {
			Map<String, List<Observation>> observations = new HashMap<>();
			jdbc.sql("select f." + (column.equals("segment") ? "customer_id, c.segment as key" : "customer_id, f.channel as key")
					+ ", " + FACT_COLUMNS + " from feedback f join customer c on c.id = f.customer_id where f.received_at <= ?")
				.param(timestamp(micros(asOf)))
				.query(rs -> {
					observations.computeIfAbsent(rs.getString("key"), key -> new ArrayList<>())
						.addAll(facts(rs, 0).observations(policy));
				});
			observations.forEach((key, list) -> scores.put(key, TrustCalculator.score(list, policy, asOf)));
			return scores;
		}
		DayBounds day = dayOf(basis, asOf);
		double decay = basis.decayTo(asOf);
		jdbc.sql("select " + column + " as key, " + SumColumns.SUMMED + " from (select " + column + ", "
				+ SumColumns.PLAIN + " from trust_daily_sums where basis_id = :basis and day < :day"
				+ " union all select " + column + ", " + SumColumns.PLAIN + " from scoring_contribution"
				+ " where basis_id = :basis and received_at >= :start and received_at <= :t) parts group by " + column)
			.param("basis", basis.id())
			.param("day", day.day())
			.param("start", timestamp(day.start()))
			.param("t", timestamp(micros(asOf)))
			.query(rs -> {
				TrustScore score = TrustCalculator.fromSums(SumColumns.read(rs, decay), policy);
				if (score.evidence() > 0) {
					scores.put(rs.getString("key"), score);
				}
			});
		return scores;
	}

	/**
	 * NPS, CSAT and CES of a scope's entries between {@code lower} and {@code upper}: whole days from the daily
	 * counts, the partial days at both ends from the rows.
	 */
	private SatisfactionMetrics satisfaction(Basis basis, Scope scope, Instant lower, boolean lowerInclusive,
			Instant upper, boolean upperInclusive) {
		DayBounds first = dayOf(basis, lower);
		DayBounds last = dayOf(basis, upper);
		String lowerOp = lowerInclusive ? ">=" : ">";
		String upperOp = upperInclusive ? "<=" : "<";
		StringBuilder sql = new StringBuilder("select coalesce(sum(promoters), 0) as promoters,"
				+ " coalesce(sum(detractors), 0) as detractors, coalesce(sum(nps), 0) as nps,"
				+ " coalesce(sum(csat_top2), 0) as csat_top2, coalesce(sum(csat), 0) as csat,"
				+ " coalesce(sum(ces_sum), 0) as ces_sum, coalesce(sum(ces), 0) as ces from (");
		String raw = "select count(*) filter (where f.nps >= 9) as promoters, count(*) filter (where f.nps <= 6) as detractors,"
				+ " count(f.nps) as nps, count(*) filter (where f.csat >= 4) as csat_top2, count(f.csat) as csat,"
				+ " coalesce(sum(f.ces), 0) as ces_sum, count(f.ces) as ces"
				+ " from feedback f join customer c on c.id = f.customer_id where " + rawFilter(scope);
		if (first.day().equals(last.day())) {
			sql.append(raw).append(" and f.received_at ").append(lowerOp).append(" :lower and f.received_at ")
				.append(upperOp).append(" :upper");
		}
		else {
			sql.append(raw).append(" and f.received_at ").append(lowerOp).append(" :lower and f.received_at < :firstEnd")
				.append(" union all select sum(nps_promoters), sum(nps_detractors), sum(nps_responses), sum(csat_top2),")
				.append(" sum(csat_responses), sum(ces_sum), sum(ces_responses) from trust_daily_sums")
				.append(" where basis_id = :basis and day > :firstDay and day < :lastDay").append(dailyFilter(scope))
				.append(" union all ").append(raw).append(" and f.received_at >= :lastStart and f.received_at ")
				.append(upperOp).append(" :upper");
		}
		sql.append(") parts");
		return jdbc.sql(sql.toString())
			.param("basis", basis.id())
			.param("lower", timestamp(micros(lower)))
			.param("upper", timestamp(micros(upper)))
			.param("firstEnd", timestamp(first.next()))
			.param("firstDay", first.day())
			.param("lastDay", last.day())
			.param("lastStart", timestamp(last.start()))
			.params(scopeParams(scope))
			.query((rs, row) -> SatisfactionMetrics.fromCounts(rs.getLong("promoters"), rs.getLong("detractors"),
					rs.getLong("nps"), rs.getLong("csat_top2"), rs.getLong("csat"), rs.getLong("ces_sum"),
					rs.getLong("ces")))
			.single();
	}

	/** A calendar day in the basis' zone and the instants it starts and ends, as PostgreSQL's time zone rules say. */
	record DayBounds(LocalDate day, Instant start, Instant next) {
	}

	private DayBounds dayOf(Basis basis, Instant at) {
		return daysOf(basis, List.of(at)).get(0);
	}

	private List<DayBounds> daysOf(Basis basis, List<Instant> instants) {
		return jdbc.sql("""
				select d, (d::timestamp at time zone :zone) as start, ((d + 1)::timestamp at time zone :zone) as next
				from (select (t at time zone :zone)::date as d, i
				      from unnest(cast(:instants as timestamptz[])) with ordinality as x(t, i)) days
				order by i
				""")
			.param("zone", basis.zone().getId())
			.param("instants", instants.stream().map(at -> micros(at).toString()).toArray(String[]::new))
			.query((rs, row) -> new DayBounds(rs.getObject("d", LocalDate.class), rs.getTimestamp("start").toInstant(),
					rs.getTimestamp("next").toInstant()))
			.list();
	}

	private static int lastIndexBefore(List<LocalDate> days, LocalDate day) {
		int low = 0;
		int high = days.size() - 1;
		int found = -1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			if (days.get(middle).isBefore(day)) {
				found = middle;
				low = middle + 1;
			}
			else {
				high = middle - 1;
			}
		}
		return found;
	}

	private static String dailyFilter(Scope scope) {
		return (scope.segment() != null ? " and segment = :segment" : "")
				+ (scope.channel() != null ? " and channel = :channel" : "");
	}

	private static String rawFilter(Scope scope) {
		return "true" + (scope.segment() != null ? " and c.segment = :segment" : "")
				+ (scope.channel() != null ? " and f.channel = :channel" : "");
	}

	private static Map<String, Object> scopeParams(Scope scope) {
		Map<String, Object> params = new HashMap<>();
		if (scope.segment() != null) {
			params.put("segment", scope.segment());
		}
		if (scope.channel() != null) {
			params.put("channel", scope.channel().name());
		}
		return params;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// scopes from the raw rows (no basis yet, or an instant far from the landmark)

	private static final String FACT_COLUMNS = "f.received_at, f.rating_transparency, f.rating_consistency,"
			+ " f.rating_communication, f.rating_quality, f.rating_values, f.incident_types, f.nps, f.csat, f.ces";

	private List<FeedbackFacts> scopeFacts(Scope scope, Instant upTo) {
		return jdbc.sql("select " + FACT_COLUMNS + " from feedback f join customer c on c.id = f.customer_id where "
				+ rawFilter(scope) + " and f.received_at <= :t")
			.params(scopeParams(scope))
			.param("t", timestamp(micros(upTo)))
			.query(TrustScores::facts)
			.list();
	}

	private static SatisfactionMetrics satisfactionFromFacts(List<FeedbackFacts> facts, Instant lower,
			boolean lowerInclusive, Instant upper, boolean upperInclusive) {
		List<FeedbackFacts> inside = facts.stream().filter(fact -> {
			Instant t = fact.receivedAt();
			boolean afterLower = lowerInclusive ? !t.isBefore(lower) : t.isAfter(lower);
			boolean beforeUpper = upperInclusive ? !t.isAfter(upper) : t.isBefore(upper);
			return afterLower && beforeUpper;
		}).toList();
		return SatisfactionMetrics.of(inside, Instant.MIN, Instant.MAX);
	}

	private static FeedbackFacts facts(ResultSet rs, int row) throws SQLException {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		return new FeedbackFacts(rs.getTimestamp("received_at").toInstant(), ratings,
				incidents(rs.getArray("incident_types")), rs.getObject("nps", Integer.class),
				rs.getObject("csat", Integer.class), rs.getObject("ces", Integer.class));
	}

	private static List<Observation> observations(List<FeedbackFacts> facts, ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>();
		facts.forEach(fact -> observations.addAll(fact.observations(policy)));
		return observations;
	}

	// ---------------------------------------------------------------------------------------------------------------
	// preview

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

	/** Counts customers per band and status under one policy, and pools their sums into the company's. */
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

	// ---------------------------------------------------------------------------------------------------------------

	/** Rows hold microseconds: t ≤ T and t > T' hold exactly when they hold for T and T' truncated to microseconds. */
	static Instant micros(Instant at) {
		return at.truncatedTo(ChronoUnit.MICROS);
	}

	static OffsetDateTime timestamp(Instant at) {
		return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	private static double secondsOf(Instant at) {
		return at.getEpochSecond() + at.getNano() / 1e9;
	}

}
