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
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Explanation.ExplainedInput;

/**
 * Trust scores of customers and scopes as of any instant, exactly as docs/scoring.md and {@link TrustCalculator} define
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
		return forCustomers(List.of(customerId), asOf).get(customerId);
	}

	/** {@link #forCustomer} of each customer, from one read of their rows; customers without feedback have no data. */
	public Map<Long, CustomerTrust> forCustomers(Collection<Long> customerIds, Instant asOf) {
		ScoringPolicy policy = activePolicy();
		Map<Long, List<FeedbackFacts>> facts = new LinkedHashMap<>();
		customerIds.forEach(id -> facts.put(id, new ArrayList<>()));
		if (!customerIds.isEmpty()) {
			jdbc.sql("select customer_id, " + FACT_COLUMNS.replace("f.", "") + " from feedback"
					+ " where customer_id = any(cast(? as bigint[])) order by customer_id, received_at desc, id desc")
				.param(customerIds.toArray(Long[]::new))
				.query(rs -> {
					facts.get(rs.getLong("customer_id")).add(facts(rs, 0));
				});
		}
		Map<Long, CustomerTrust> trusts = new LinkedHashMap<>();
		facts.forEach((id, list) -> {
			long negatives = TrustCalculator.negativeCount(list, policy, asOf);
			trusts.put(id, new CustomerTrust(TrustCalculator.score(observations(list, policy), policy, asOf),
					CustomerStatus.of(negatives, policy), negatives));
		});
		return trusts;
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
		return history(scope, List.of(asOf)).get(0);
	}

	/**
	 * {@link #forScope} as of each instant, in the order given, from one read of the scope's daily sums and one of
	 * the raw rows of the partial days at the ends. Instants at the start of a day in the basis' time zone are the
	 * cheapest: nothing of their day needs reading from the raw rows.
	 */
	public List<ScopeTrust> history(Scope scope, List<Instant> instants) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Duration window = Duration.ofDays(policy.riskWindowDays());
		Basis basis = serving.basis();
		if (instants.isEmpty()) {
			return List.of();
		}
		if (basis == null || instants.stream().anyMatch(at -> !basis.covers(at))) {
			return instants.stream().map(asOf -> {
				List<FeedbackFacts> facts = scopeFacts(scope, asOf);
				return new ScopeTrust(TrustCalculator.score(observations(facts, policy), policy, asOf),
						satisfactionFromFacts(facts, asOf.minus(window), false, asOf, true));
			}).toList();
		}
		// the risk window of the customer status (docs/scoring.md): 0 ≤ T − t < riskWindowDays, that is (T − window, T]; with
		// "upTo(X)" the entries before X: score = upTo(T⁺), window = upTo(T⁺) − upTo((T − window)⁺)
		List<Instant> cuts = new ArrayList<>();
		instants.forEach(at -> {
			cuts.add(justAfter(at));
			cuts.add(justAfter(at.minus(window)));
		});
		List<double[]> upTo = upTo(basis, scope, cuts);
		List<ScopeTrust> trusts = new ArrayList<>();
		for (int i = 0; i < instants.size(); i++) {
			double[] score = upTo.get(2 * i);
			trusts.add(new ScopeTrust(
					TrustCalculator.fromSums(SumColumns.decay(score, basis.decayTo(instants.get(i))), policy),
					satisfaction(minus(score, upTo.get(2 * i + 1)))));
		}
		return trusts;
	}

	/**
	 * A scope's totals (sums and satisfaction counts) of the entries received before each instant: the days before
	 * the instant's day from the daily sums, and the instant's own day as the rows from its start up to the instant
	 * or as the whole day less the rows from the instant to its end, whichever reads the shorter time. For "now" that
	 * is the whole day less the (few future-dated) rows after now.
	 */
	private List<double[]> upTo(Basis basis, Scope scope, List<Instant> cuts) {
		List<DayBounds> days = daysOf(basis, cuts);
		LocalDate lastDay = days.stream().map(DayBounds::day).max(Comparator.naturalOrder()).orElseThrow();
		DailyTotals totals = dailyTotals(basis, scope, lastDay);
		List<DayBounds.Before> befores = new ArrayList<>();
		for (int j = 0; j < cuts.size(); j++) {
			befores.add(days.get(j).before(cuts.get(j)));
		}
		List<double[]> raw = rawTotals(basis, scope, befores);
		List<double[]> upTo = new ArrayList<>();
		for (int j = 0; j < cuts.size(); j++) {
			DayBounds.Before before = befores.get(j);
			double[] wholeDays = totals.before(before.endDay());
			upTo.add(before.sign() > 0 ? plus(wholeDays, raw.get(j)) : minus(wholeDays, raw.get(j)));
		}
		return upTo;
	}

	/** The first instant a row can hold after {@code at}: rows hold microseconds, so t ≤ at exactly when t < this. */
	private static Instant justAfter(Instant at) {
		return micros(at).plus(1, ChronoUnit.MICROS);
	}

	/** The first instant a row can hold at or after {@code at}: t ≥ at exactly when t ≥ this. */
	private static Instant atOrAfter(Instant at) {
		Instant truncated = micros(at);
		return truncated.equals(at) ? at : truncated.plus(1, ChronoUnit.MICROS);
	}

	/** NPS, CSAT and CES of a scope's entries received in [from, to). */
	public SatisfactionMetrics satisfaction(Scope scope, Instant from, Instant to) {
		return ActivityCounts.total(activity(from, to), scope).satisfaction();
	}

	/**
	 * What was received in [from, to), per segment and channel: entries and the counts behind NPS, CSAT and CES.
	 * Whole days come from the daily sums; the partial days at both ends are read from the rows, each as the part
	 * inside the period or as its whole day less the part outside, whichever reads the shorter time (see
	 * {@link #upTo}).
	 */
	public List<ActivityCounts> activity(Instant from, Instant to) {
		Basis basis = policies.servingState().basis();
		Instant lower = atOrAfter(from);
		Instant upper = atOrAfter(to);
		Map<String, Object> params = new HashMap<>();
		List<String> parts = new ArrayList<>();
		List<DayBounds> bounds = (basis != null && lower.isBefore(upper)) ? daysOf(basis, List.of(lower, upper)) : null;
		if (bounds == null || bounds.get(0).day().equals(bounds.get(1).day())) {
			parts.add(activityRows(params, "period", lower, upper, 1));
		}
		else {
			// [from, to) = the entries before upper less those before lower
			DayBounds.Before first = bounds.get(0).before(lower);
			DayBounds.Before last = bounds.get(1).before(upper);
			parts.add(activityRows(params, "first", first.lo(), first.hi(), -first.sign()));
			parts.add(activityRows(params, "last", last.lo(), last.hi(), last.sign()));
			parts.add("select segment, channel, entries, nps_promoters, nps_detractors, nps_responses, csat_top2,"
					+ " csat_responses, ces_sum, ces_responses from trust_daily_sums"
					+ " where basis_id = :basis and day >= :firstDay and day < :endDay");
			params.put("basis", basis.id());
			params.put("firstDay", first.endDay());
			params.put("endDay", last.endDay());
		}
		return jdbc.sql("select segment, channel, sum(entries) as entries, sum(promoters) as promoters,"
				+ " sum(detractors) as detractors, sum(nps) as nps, sum(csat_top2) as csat_top2, sum(csat) as csat,"
				+ " sum(ces_sum) as ces_sum, sum(ces) as ces from (" + String.join(" union all ", parts)
				+ ") parts group by segment, channel")
			.params(params)
			.query((rs, row) -> new ActivityCounts(rs.getString("segment"), Channel.valueOf(rs.getString("channel")),
					rs.getLong("entries"), rs.getLong("promoters"), rs.getLong("detractors"), rs.getLong("nps"),
					rs.getLong("csat_top2"), rs.getLong("csat"), rs.getLong("ces_sum"), rs.getLong("ces")))
			.list();
	}

	/** SQL counting the rows received in [lo, hi) per segment and channel, times {@code sign}. */
	private static String activityRows(Map<String, Object> params, String name, Instant lo, Instant hi, int sign) {
		params.put(name + "Lo", timestamp(lo));
		params.put(name + "Hi", timestamp(hi));
		String times = (sign < 0) ? "-1 * " : "";
		// at most a day of rows: each customer's segment is looked up by key (as a join, the planner read all
		// customers to match a few hundred entries)
		return """
				select f.segment, f.channel, %1$scount(*) as entries, %1$scount(*) filter (where f.nps >= 9) as promoters,
				       %1$scount(*) filter (where f.nps <= 6) as detractors, %1$scount(f.nps) as nps,
				       %1$scount(*) filter (where f.csat >= 4) as csat_top2, %1$scount(f.csat) as csat,
				       %1$scoalesce(sum(f.ces), 0) as ces_sum, %1$scount(f.ces) as ces
				from (select f.channel, f.nps, f.csat, f.ces,
				             (select c.segment from customer c where c.id = f.customer_id) as segment
				      from feedback f where f.received_at >= :%2$sLo and f.received_at < :%2$sHi) f
				group by f.segment, f.channel
				""".formatted(times, name);
	}

	/** A scope's trust as of each instant (in the order given); see {@link #history}. */
	public List<TrustScore> trend(Scope scope, List<Instant> instants) {
		return history(scope, instants).stream().map(ScopeTrust::score).toList();
	}

	/** Trust of every segment that has data as of {@code asOf}, by segment name. */
	public Map<String, TrustScore> bySegment(Instant asOf) {
		return breakdown(Scope.company(), asOf).bySegment();
	}

	/** Trust of every channel that has data as of {@code asOf}, in channel order. */
	public Map<Channel, TrustScore> byChannel(Instant asOf) {
		return breakdown(Scope.company(), asOf).byChannel();
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

	/** Per day up to {@code lastDay}, running totals of a scope's sums and satisfaction counts (see {@link #TOTALS}). */
	private DailyTotals dailyTotals(Basis basis, Scope scope, LocalDate lastDay) {
		DailyTotals totals = new DailyTotals();
		jdbc.sql("select day, " + SumColumns.SUMMED + ", sum(nps_promoters) as promoters, sum(nps_detractors) as detractors,"
				+ " sum(nps_responses) as nps, sum(csat_top2) as csat_top2, sum(csat_responses) as csat,"
				+ " sum(ces_sum) as ces_sum, sum(ces_responses) as ces"
				+ " from trust_daily_sums where basis_id = :basis and day <= :last" + dailyFilter(scope)
				+ " group by day order by day")
			.param("basis", basis.id())
			.param("last", lastDay)
			.params(scopeParams(scope))
			.query(rs -> {
				totals.add(rs.getObject("day", LocalDate.class), totals(rs));
			});
		return totals;
	}

	/** A scope's sums and satisfaction counts of the entries in each range [lo, hi), from the rows, in order. */
	private List<double[]> rawTotals(Basis basis, Scope scope, List<DayBounds.Before> ranges) {
		return jdbc.sql("select s.* from unnest(cast(:los as timestamptz[]), cast(:his as timestamptz[]))"
				+ " with ordinality as r (lo, hi, i)"
				+ " cross join lateral (select " + SumColumns.SUMMED + ", count(*) filter (where nps >= 9) as promoters,"
				+ " count(*) filter (where nps <= 6) as detractors, count(nps) as nps,"
				+ " count(*) filter (where csat >= 4) as csat_top2, count(csat) as csat,"
				+ " coalesce(sum(ces), 0) as ces_sum, count(ces) as ces from scoring_contribution"
				+ " where basis_id = :basis and received_at >= r.lo and received_at < r.hi" + dailyFilter(scope)
				+ ") s order by r.i")
			.param("basis", basis.id())
			.param("los", ranges.stream().map(range -> range.lo().toString()).toArray(String[]::new))
			.param("his", ranges.stream().map(range -> range.hi().toString()).toArray(String[]::new))
			.params(scopeParams(scope))
			.query((rs, row) -> totals(rs))
			.list();
	}

	/** The columns a totals array holds: the ten sums ({@link SumColumns}), then these satisfaction counts. */
	private static final String[] TOTALS = { "promoters", "detractors", "nps", "csat_top2", "csat", "ces_sum", "ces" };

	private static final int SUMS = 2 * Signal.values().length;

	private static double[] totals(ResultSet rs) throws SQLException {
		double[] totals = new double[SUMS + TOTALS.length];
		System.arraycopy(SumColumns.raw(rs), 0, totals, 0, SUMS);
		for (int i = 0; i < TOTALS.length; i++) {
			totals[SUMS + i] = rs.getDouble(TOTALS[i]);
		}
		return totals;
	}

	private static SatisfactionMetrics satisfaction(double[] totals) {
		long[] c = new long[TOTALS.length];
		for (int i = 0; i < c.length; i++) {
			c[i] = Math.round(totals[SUMS + i]);
		}
		return SatisfactionMetrics.fromCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
	}

	private static double[] plus(double[] a, double[] b) {
		double[] sum = a.clone();
		for (int i = 0; i < sum.length; i++) {
			sum[i] += b[i];
		}
		return sum;
	}

	private static double[] minus(double[] a, double[] b) {
		double[] difference = a.clone();
		for (int i = 0; i < difference.length; i++) {
			difference[i] -= b[i];
		}
		return difference;
	}

	/** Running totals of consecutive days, to read the totals of all days before any day. */
	private static final class DailyTotals {

		private final List<LocalDate> days = new ArrayList<>();

		private final List<double[]> running = new ArrayList<>();

		void add(LocalDate day, double[] totals) {
			running.add(running.isEmpty() ? totals : plus(running.get(running.size() - 1), totals));
			days.add(day);
		}

		/** The totals of every day before {@code day}. */
		double[] before(LocalDate day) {
			int index = lastIndexBefore(days, day);
			return (index >= 0) ? running.get(index) : new double[SUMS + TOTALS.length];
		}

	}

	/**
	 * Trust per segment and per channel as of {@code asOf}, from one read of the sums per (segment, channel): the
	 * segments within the scope's channel, the channels within the scope's segment ({@code null}: all). Only
	 * segments and channels with data are listed.
	 */
	public ScopeBreakdown breakdown(Scope scope, Instant asOf) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Basis basis = serving.basis();
		Map<String, TrustScore> bySegment = new TreeMap<>();
		Map<Channel, TrustScore> byChannel = new EnumMap<>(Channel.class);
		if (basis == null || !basis.covers(asOf)) {
			Map<String, List<Observation>> segments = new HashMap<>();
			Map<Channel, List<Observation>> channels = new EnumMap<>(Channel.class);
			jdbc.sql("select c.segment, f.channel, " + FACT_COLUMNS
					+ " from feedback f join customer c on c.id = f.customer_id where f.received_at <= :t")
				.param("t", timestamp(micros(asOf)))
				.query(rs -> {
					Cell cell = new Cell(rs.getString("segment"), Channel.valueOf(rs.getString("channel")));
					List<Observation> observations = facts(rs, 0).observations(policy);
					if (cell.inSegmentsOf(scope)) {
						segments.computeIfAbsent(cell.segment(), key -> new ArrayList<>()).addAll(observations);
					}
					if (cell.inChannelsOf(scope)) {
						channels.computeIfAbsent(cell.channel(), key -> new ArrayList<>()).addAll(observations);
					}
				});
			segments.forEach((key, list) -> bySegment.put(key, TrustCalculator.score(list, policy, asOf)));
			channels.forEach((key, list) -> byChannel.put(key, TrustCalculator.score(list, policy, asOf)));
			return new ScopeBreakdown(bySegment, byChannel);
		}
		// the entries before T⁺: the days before T's day, and T's day up to T or less what follows T (see upTo)
		Instant cut = justAfter(asOf);
		DayBounds.Before before = dayOf(basis, cut).before(cut);
		Map<String, double[]> segmentSums = new TreeMap<>();
		Map<Channel, double[]> channelSums = new EnumMap<>(Channel.class);
		jdbc.sql("select segment, channel, " + SumColumns.SUMMED + " from (select segment, channel, "
				+ SumColumns.PLAIN + " from trust_daily_sums where basis_id = :basis and day < :endDay"
				+ " union all select segment, channel, " + SumColumns.join(before.sign() < 0 ? "-%1$s" : "%1$s")
				+ " from scoring_contribution where basis_id = :basis and received_at >= :lo and received_at < :hi) parts"
				+ " group by segment, channel")
			.param("basis", basis.id())
			.param("endDay", before.endDay())
			.param("lo", timestamp(before.lo()))
			.param("hi", timestamp(before.hi()))
			.query(rs -> {
				Cell cell = new Cell(rs.getString("segment"), Channel.valueOf(rs.getString("channel")));
				double[] sums = SumColumns.raw(rs);
				if (cell.inSegmentsOf(scope)) {
					segmentSums.merge(cell.segment(), sums, TrustScores::plus);
				}
				if (cell.inChannelsOf(scope)) {
					channelSums.merge(cell.channel(), sums, TrustScores::plus);
				}
			});
		double decay = basis.decayTo(asOf);
		segmentSums.forEach((segment, sums) -> withData(TrustCalculator.fromSums(SumColumns.decay(sums, decay), policy))
			.ifPresent(score -> bySegment.put(segment, score)));
		channelSums.forEach((channel, sums) -> withData(TrustCalculator.fromSums(SumColumns.decay(sums, decay), policy))
			.ifPresent(score -> byChannel.put(channel, score)));
		return new ScopeBreakdown(bySegment, byChannel);
	}

	private static Optional<TrustScore> withData(TrustScore score) {
		return (score.evidence() > 0) ? Optional.of(score) : Optional.empty();
	}

	/** One segment and channel: a row of the daily sums. */
	private record Cell(String segment, Channel channel) {

		boolean inSegmentsOf(Scope scope) {
			return scope.channel() == null || scope.channel() == channel;
		}

		boolean inChannelsOf(Scope scope) {
			return scope.segment() == null || scope.segment().equals(segment);
		}

	}

	/** A calendar day in the basis' zone and the instants it starts and ends, as PostgreSQL's time zone rules say. */
	record DayBounds(LocalDate day, Instant start, Instant next) {

		private static final Duration RECENT = Duration.ofMinutes(1);

		/**
		 * How to read the entries received before {@code cut}, an instant of this day: the daily sums of the days
		 * before {@code endDay}, plus {@code sign} times the rows received in [{@code lo}, {@code hi}). That is the
		 * days before this one plus this day's rows before the cut, or, when fewer of the day's rows likely follow the
		 * cut, the days up to this one less this day's rows from the cut on.
		 */
		record Before(LocalDate endDay, Instant lo, Instant hi, int sign) {
		}

		Before before(Instant cut) {
			return fewerRowsAfter(cut) ? new Before(day.plusDays(1), cut, next, -1) : new Before(day, start, cut, 1);
		}

		/**
		 * Whether fewer of the day's rows likely follow {@code at} than precede it: after an instant of the last
		 * minute only future-dated rows and those of that minute can follow (however busy the day), otherwise
		 * whichever part of the day is shorter.
		 */
		private boolean fewerRowsAfter(Instant at) {
			return !at.isBefore(Instant.now().minus(RECENT))
					|| Duration.between(start, at).compareTo(Duration.between(at, next)) > 0;
		}

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
