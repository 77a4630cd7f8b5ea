package io.shinrai.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;

/**
 * Scopes (segment, channel, company) scored from the forward-decay sums per day, segment
 * and channel (per day alone for the company, per month for breakdowns): the days before
 * T's day, plus T's day so far from the rows, times 2^(−(T − landmark)/H) (see
 * {@link Basis}).
 */
@Component
class ScopeSums {

	private final JdbcClient jdbc;

	private final BasisDays days;

	ScopeSums(JdbcClient jdbc, BasisDays days) {
		this.jdbc = jdbc;
		this.days = days;
	}

	/**
	 * A scope's trust as of each instant from the basis' daily sums (every instant
	 * {@linkplain Basis#covers covered}), with NPS, CSAT and CES over the risk window
	 * ending at each instant.
	 */
	List<ScopeTrust> history(Basis basis, ScoringPolicy policy, Scope scope, List<Instant> instants) {
		Duration window = Duration.ofDays(policy.riskWindowDays());
		// the risk window of the customer status (docs/scoring.md): 0 ≤ T − t <
		// riskWindowDays, that is (T − window, T]; with
		// "upTo(X)" the entries before X: score = upTo(T⁺), window = upTo(T⁺) − upTo((T −
		// window)⁺)
		List<Instant> cuts = new ArrayList<>();
		instants.forEach(at -> {
			cuts.add(RowTime.justAfter(at));
			cuts.add(RowTime.justAfter(at.minus(window)));
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
	 * A scope's totals (sums and satisfaction counts) of the entries received before each
	 * instant: the days before the instant's day from the daily sums, and the instant's
	 * own day as the rows from its start up to the instant or as the whole day less the
	 * rows from the instant to its end, whichever reads the shorter time. For "now" that
	 * is the whole day less the (few future-dated) rows after now.
	 */
	private List<double[]> upTo(Basis basis, Scope scope, List<Instant> cuts) {
		List<BasisDays.DayBounds> bounds = days.daysOf(basis, cuts);
		LocalDate lastDay = bounds.stream().map(BasisDays.DayBounds::day).max(Comparator.naturalOrder()).orElseThrow();
		DailyTotals totals = dailyTotals(basis, scope, lastDay);
		List<BasisDays.DayBounds.Before> befores = new ArrayList<>();
		for (int j = 0; j < cuts.size(); j++) {
			befores.add(bounds.get(j).before(cuts.get(j)));
		}
		List<double[]> raw = rawTotals(basis, scope, befores);
		List<double[]> upTo = new ArrayList<>();
		for (int j = 0; j < cuts.size(); j++) {
			BasisDays.DayBounds.Before before = befores.get(j);
			double[] wholeDays = totals.before(before.endDay());
			upTo.add(before.sign() > 0 ? plus(wholeDays, raw.get(j)) : minus(wholeDays, raw.get(j)));
		}
		return upTo;
	}

	/**
	 * Per day up to {@code lastDay}, running totals of a scope's sums and satisfaction
	 * counts (see {@link #TOTALS}): the company's from its day rows (one per day and
	 * shard), any other scope's from the rows per day, segment and channel.
	 */
	private DailyTotals dailyTotals(Basis basis, Scope scope, LocalDate lastDay) {
		DailyTotals totals = new DailyTotals();
		String rows = scope.isCompany() ? "trust_daily_totals where basis_id = :basis and day <= :last"
				: "trust_daily_sums where basis_id = :basis and day <= :last" + scope.sumsFilter();
		jdbc.sql("select day, " + SumColumns.SUMMED
				+ ", sum(nps_promoters) as promoters, sum(nps_detractors) as detractors,"
				+ " sum(nps_responses) as nps, sum(csat_top2) as csat_top2, sum(csat_responses) as csat,"
				+ " sum(ces_sum) as ces_sum, sum(ces_responses) as ces from " + rows + " group by day order by day")
			.param("basis", basis.id())
			.param("last", lastDay)
			.params(scope.params())
			.query(rs -> {
				totals.add(rs.getObject("day", LocalDate.class), totals(rs));
			});
		return totals;
	}

	/**
	 * A scope's sums and satisfaction counts of the entries in each range [lo, hi), from
	 * the rows, in order.
	 */
	private List<double[]> rawTotals(Basis basis, Scope scope, List<BasisDays.DayBounds.Before> ranges) {
		return jdbc
			.sql("select s.* from unnest(cast(:los as timestamptz[]), cast(:his as timestamptz[]))"
					+ " with ordinality as r (lo, hi, i)" + " cross join lateral (select " + SumColumns.SUMMED + ", "
					+ ScoringSql.satisfactionCounts(column -> column, "") + " from scoring_contribution"
					+ " where basis_id = :basis and received_at >= r.lo and received_at < r.hi" + scope.sumsFilter()
					+ ") s order by r.i")
			.param("basis", basis.id())
			.param("los", ranges.stream().map(range -> range.lo().toString()).toArray(String[]::new))
			.param("his", ranges.stream().map(range -> range.hi().toString()).toArray(String[]::new))
			.params(scope.params())
			.query((rs, row) -> totals(rs))
			.list();
	}

	/**
	 * The columns a totals array holds: the ten sums ({@link SumColumns}), then these
	 * satisfaction counts.
	 */
	private static final String[] TOTALS = ScoringSql.SATISFACTION_COUNTS;

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

	/**
	 * Running totals of consecutive days, to read the totals of all days before any day.
	 */
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
	 * {@link TrustScores#breakdown} from the basis' daily sums ({@code asOf}
	 * {@linkplain Basis#covers covered}).
	 */
	ScopeBreakdown breakdown(Basis basis, ScoringPolicy policy, Scope scope, Instant asOf) {
		Map<String, TrustScore> bySegment = new TreeMap<>();
		Map<Channel, TrustScore> byChannel = new EnumMap<>(Channel.class);
		// the entries before T⁺: the days before T's day, and T's day up to T or less
		// what follows T (see upTo)
		Instant cut = RowTime.justAfter(asOf);
		BasisDays.DayBounds.Before before = days.dayOf(basis, cut).before(cut);
		Map<String, double[]> segmentSums = new TreeMap<>();
		Map<Channel, double[]> channelSums = new EnumMap<>(Channel.class);
		// the days before endDay: the whole months before its month, then the days of its
		// month
		jdbc.sql("select segment, channel, " + SumColumns.SUMMED + " from (select segment, channel, " + SumColumns.PLAIN
				+ " from trust_monthly_sums where basis_id = :basis and month < :endMonth"
				+ " union all select segment, channel, " + SumColumns.PLAIN
				+ " from trust_daily_sums where basis_id = :basis and day >= :endMonth and day < :endDay"
				+ " union all select segment, channel, " + SumColumns.join(before.sign() < 0 ? "-%1$s" : "%1$s")
				+ " from scoring_contribution where basis_id = :basis and received_at >= :lo and received_at < :hi) parts"
				+ " group by segment, channel")
			.param("basis", basis.id())
			.param("endMonth", before.endDay().withDayOfMonth(1))
			.param("endDay", before.endDay())
			.param("lo", RowTime.timestamp(before.lo()))
			.param("hi", RowTime.timestamp(before.hi()))
			.query(rs -> {
				Scope cell = new Scope(rs.getString("segment"), Channel.valueOf(rs.getString("channel")));
				if (!scope.within().includes(cell.segment())) {
					return;
				}
				double[] sums = SumColumns.raw(rs);
				if (scope.listsSegmentsOf(cell.channel())) {
					segmentSums.merge(cell.segment(), sums, ScopeSums::plus);
				}
				if (scope.listsChannelsOf(cell.segment())) {
					channelSums.merge(cell.channel(), sums, ScopeSums::plus);
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

}
