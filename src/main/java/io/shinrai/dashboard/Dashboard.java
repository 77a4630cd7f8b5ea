package io.shinrai.dashboard;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.dashboard.DashboardView.BreakdownRow;
import io.shinrai.dashboard.DashboardView.CustomerAtRisk;
import io.shinrai.dashboard.DashboardView.IncidentRow;
import io.shinrai.dashboard.DashboardView.RecoveryPanel;
import io.shinrai.recovery.RecoveryMeasurement;
import io.shinrai.recovery.RecoveryMeasures;
import io.shinrai.dashboard.DashboardView.RiskPanel;
import io.shinrai.dashboard.DashboardView.TrendPoint;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackStatistics;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.ActivityCounts;
import io.shinrai.scoring.CustomersAtRisk;
import io.shinrai.scoring.CustomersAtRisk.Watchlist;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeBreakdown;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.SignalScore;
import io.shinrai.scoring.TrustCalculator;
import io.shinrai.scoring.TrustScore;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * The dashboard's reads, composed from the owning modules' services without SQL of its
 * own: every trust number and the period's counts (entries, satisfaction, incidents) come
 * from {@link TrustScores} (so the page equals the API), the watchlist from
 * {@link CustomersAtRisk}, whether there is feedback at all from
 * {@link FeedbackStatistics}, segments from {@link CustomerDirectory}, cases from
 * {@link RecoveryMeasures}.
 */
@Service
@Transactional(readOnly = true)
public class Dashboard {

	static final int TREND_WEEKS = 52;

	static final int RISK_LIST_SIZE = 10;

	/**
	 * How many of the most worrying customers are scored to find the lowest trust among
	 * them.
	 */
	static final int RISK_CANDIDATES = 50;

	private final RecoveryMeasures recoveryMeasures;

	private final TrustScores trustScores;

	private final CustomersAtRisk customersAtRisk;

	private final FeedbackStatistics feedback;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	private final int minimumResponses;

	Dashboard(TrustScores trustScores, RecoveryMeasures recoveryMeasures, CustomersAtRisk customersAtRisk,
			FeedbackStatistics feedback, CustomerDirectory customers, BusinessTime businessTime,
			DashboardProperties properties) {
		this.minimumResponses = properties.minimumResponses();
		this.recoveryMeasures = recoveryMeasures;
		this.trustScores = trustScores;
		this.customersAtRisk = customersAtRisk;
		this.feedback = feedback;
		this.customers = customers;
		this.zone = businessTime.zone();
	}

	public DashboardView view(DashboardQuery query) {
		return view(query, SegmentScope.all());
	}

	/**
	 * The dashboard of a user who sees the segments {@code within}: every number is
	 * computed over those segments' entries, customers and cases only, and "all segments"
	 * means all of them.
	 */
	public DashboardView view(DashboardQuery query, SegmentScope within) {
		ScoringPolicy policy = trustScores.activePolicy();
		Instant asOf = query.asOf();
		Scope scope = new Scope(query.segment(), query.channel(), within);
		SegmentScope shown = within.narrow(query.segment());
		// one read of the scope's history: the weekly trend, now, and the end of the
		// previous period of the same
		// length, which is the start of this one
		List<Instant> instants = trendInstants(asOf);
		instants.add(query.from());
		List<ScopeTrust> history = trustScores.history(scope, instants);
		ScopeTrust now = history.get(history.size() - 2);
		ScopeTrust before = history.get(history.size() - 1);
		Double change = (now.score().hasData() && before.score().hasData())
				? now.score().trust() - before.score().trust() : null;
		List<TrendPoint> trend = new ArrayList<>();
		for (int i = 0; i < instants.size() - 1; i++) {
			Instant at = instants.get(i);
			LocalDate label = at.equals(asOf) ? asOf.atZone(zone).toLocalDate()
					: at.atZone(zone).toLocalDate().minusDays(1);
			trend.add(new TrendPoint(label, at, history.get(i).score().trust(), history.get(i).satisfaction().nps()));
		}
		List<ActivityCounts> cells = trustScores.activity(query.from(), query.to());
		// the previous period from the daily sums too: whole days are pre-summed, only
		// its two edges read rows
		Duration length = Duration.between(query.from(), query.to());
		Instant previousFrom = query.from().minus(length);
		ActivityCounts period = ActivityCounts.total(cells, scope);
		ActivityCounts previous = ActivityCounts.total(trustScores.activity(previousFrom, query.from()), scope);
		PeriodComparison comparison = PeriodComparison.of(previousFrom, query.from(), minimumResponses,
				now.score().trust(), before.score().trust(), period, previous);
		ScopeBreakdown breakdown = trustScores.breakdown(scope, asOf);
		// what a segment or channel without data shows
		TrustScore noData = TrustCalculator.score(List.of(), policy, asOf);
		return new DashboardView(query, policy, anyFeedback(within, asOf), scopeHasFeedback(query, shown), now.score(),
				change, weakest(now.score()), trend, period.satisfaction(), risk(query, shown), recoveryCases(shown),
				bySegment(query, within, noData, cells, breakdown), byChannel(query, within, noData, cells, breakdown),
				incidents(period, policy), comparison);
	}

	/** Segments customers have, in name order. */
	public List<String> segments() {
		return customers.segments();
	}

	/**
	 * The segments in {@code within} customers have, in name order: what "all segments"
	 * means to its user.
	 */
	public List<String> segments(SegmentScope within) {
		return customers.segments(within);
	}

	/**
	 * Recovery measures of the scope's segments (cases belong to customers, not to
	 * channels).
	 */
	RecoveryPanel recoveryCases(SegmentScope shown) {
		RecoveryMeasurement measurement = recoveryMeasures.current(shown);
		return new RecoveryPanel(measurement.openCases(), measurement.overdueCases(),
				measurement.medianHoursToAcknowledge(), measurement.medianHoursToResolve(),
				measurement.recoveryRatePercent());
	}

	private boolean anyFeedback(SegmentScope within, Instant asOf) {
		return within.isAll() ? feedback.any() : feedback.anyReceived(within, null, asOf);
	}

	private boolean scopeHasFeedback(DashboardQuery query, SegmentScope shown) {
		return feedback.anyReceived(shown, query.channel(), query.asOf());
	}

	private static Signal weakest(TrustScore score) {
		return score.signals()
			.values()
			.stream()
			.filter(SignalScore::hasScore)
			.min(Comparator.comparingDouble(SignalScore::score))
			.map(SignalScore::signal)
			.orElse(null);
	}

	/**
	 * The instants of the trend: the end of each of the last {@link #TREND_WEEKS} weeks
	 * (weeks end on Monday 00:00 in the business time zone, labelled with their Sunday),
	 * then the end of the period itself.
	 */
	List<Instant> trendInstants(Instant asOf) {
		LocalDate lastMonday = asOf.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<Instant> instants = new ArrayList<>();
		for (int week = TREND_WEEKS - 1; week >= 0; week--) {
			Instant at = lastMonday.minusWeeks(week).atStartOfDay(zone).toInstant();
			if (at.isBefore(asOf)) {
				instants.add(at);
			}
		}
		instants.add(asOf);
		return instants;
	}

	private List<BreakdownRow> bySegment(DashboardQuery query, SegmentScope within, TrustScore noData,
			List<ActivityCounts> cells, ScopeBreakdown breakdown) {
		List<String> segments = (query.segment() != null) ? within.filter(List.of(query.segment())) : segments(within);
		Map<String, TrustScore> scores = breakdown.bySegment();
		List<BreakdownRow> rows = new ArrayList<>();
		for (String segment : segments) {
			TrustScore score = scores.getOrDefault(segment, noData);
			long responses = ActivityCounts.total(cells, new Scope(segment, query.channel(), within)).entries();
			rows.add(new BreakdownRow(segment, null, score.trust(), score.band(), score.evidence(), responses));
		}
		return rows;
	}

	private List<BreakdownRow> byChannel(DashboardQuery query, SegmentScope within, TrustScore noData,
			List<ActivityCounts> cells, ScopeBreakdown breakdown) {
		List<Channel> channels = (query.channel() != null) ? List.of(query.channel()) : List.of(Channel.values());
		Map<Channel, TrustScore> scores = breakdown.byChannel();
		List<BreakdownRow> rows = new ArrayList<>();
		for (Channel channel : channels) {
			TrustScore score = scores.getOrDefault(channel, noData);
			long responses = ActivityCounts.total(cells, new Scope(query.segment(), channel, within)).entries();
			rows.add(new BreakdownRow(null, channel, score.trust(), score.band(), score.evidence(), responses));
		}
		return rows;
	}

	/**
	 * Incidents of the period ({@code period}: its counts) by type, the most damaging
	 * (count × severity) first.
	 */
	static List<IncidentRow> incidents(ActivityCounts period, ScoringPolicy policy) {
		return period.incidents()
			.entrySet()
			.stream()
			.map(e -> new IncidentRow(e.getKey(), e.getValue(), policy.severity(e.getKey()),
					e.getValue() * policy.severity(e.getKey())))
			.sorted(Comparator.comparingLong(IncidentRow::damage)
				.reversed()
				.thenComparing(Comparator.comparingLong(IncidentRow::count).reversed())
				.thenComparing(IncidentRow::type))
			.toList();
	}

	/**
	 * AT_RISK and WATCH counts of the scope's customers (a customer's status counts all
	 * its channels, so only the segment narrows this panel), and the lowest trust among
	 * the {@link #RISK_CANDIDATES} customers with the most recent negatives inside the
	 * risk window.
	 */
	RiskPanel risk(DashboardQuery query, SegmentScope shown) {
		Watchlist watchlist = customersAtRisk.watchlist(shown, query.asOf(), RISK_CANDIDATES, RISK_LIST_SIZE);
		return new RiskPanel(watchlist.atRisk(), watchlist.watch(),
				watchlist.customers()
					.stream()
					.map(c -> new CustomerAtRisk(c.id(), c.reference(), c.name(), c.segment(), c.status(),
							c.negativeCount(), c.trust(), c.band()))
					.toList());
	}

}
