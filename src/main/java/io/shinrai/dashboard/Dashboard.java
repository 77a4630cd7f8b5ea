package io.shinrai.dashboard;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
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
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.ActivityCounts;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeBreakdown;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.SignalScore;
import io.shinrai.scoring.TrustCalculator;
import io.shinrai.scoring.TrustScore;
import io.shinrai.scoring.TrustScores;

/**
 * The dashboard's reads. Every trust number comes from {@link TrustScores} (so the page equals the API); counts and
 * lists that are not scores are plain SQL over feedback and customers, written so their filters can use the
 * indexes on {@code received_at}, the negative entries and the customer segment.
 */
@Service
@Transactional(readOnly = true)
public class Dashboard {

	static final Duration TRUST_CHANGE_SPAN = Duration.ofDays(30);

	static final int TREND_WEEKS = 52;

	static final int RISK_LIST_SIZE = 10;

	/** How many of the most worrying customers are scored to find the lowest trust among them. */
	static final int RISK_CANDIDATES = 50;

	private final RecoveryMeasures recoveryMeasures;

	private final TrustScores trustScores;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	Dashboard(TrustScores trustScores, RecoveryMeasures recoveryMeasures, JdbcClient jdbc,
			@Value("${shinrai.business-time-zone}") ZoneId zone) {
		this.recoveryMeasures = recoveryMeasures;
		this.trustScores = trustScores;
		this.jdbc = jdbc;
		this.zone = zone;
	}

	public DashboardView view(DashboardQuery query) {
		ScoringPolicy policy = trustScores.activePolicy();
		Instant asOf = query.asOf();
		Scope scope = query.scope();
		// one read of the scope's history: the weekly trend, 30 days ago and now
		List<Instant> instants = trendInstants(asOf);
		instants.add(asOf.minus(TRUST_CHANGE_SPAN));
		List<ScopeTrust> history = trustScores.history(scope, instants);
		ScopeTrust now = history.get(history.size() - 2);
		ScopeTrust before = history.get(history.size() - 1);
		Double change = (now.score().hasData() && before.score().hasData())
				? now.score().trust() - before.score().trust() : null;
		List<TrendPoint> trend = new ArrayList<>();
		for (int i = 0; i < instants.size() - 1; i++) {
			Instant at = instants.get(i);
			LocalDate label = at.equals(asOf) ? asOf.atZone(zone).toLocalDate() : at.atZone(zone).toLocalDate().minusDays(1);
			trend.add(new TrendPoint(label, at, history.get(i).score().trust(), history.get(i).satisfaction().nps()));
		}
		List<ActivityCounts> cells = trustScores.activity(query.from(), query.to());
		ScopeBreakdown breakdown = trustScores.breakdown(scope, asOf);
		// what a segment or channel without data shows
		TrustScore noData = TrustCalculator.score(List.of(), policy, asOf);
		return new DashboardView(query, policy, anyFeedback(), scopeHasFeedback(query), now.score(), change,
				weakest(now.score()), trend, ActivityCounts.total(cells, scope).satisfaction(), risk(query, policy), recoveryCases(query),
				bySegment(query, noData, cells, breakdown), byChannel(query, noData, cells, breakdown), incidents(query, policy));
	}

	/** Segments customers have, in name order (read as a skip scan over the segment index). */
	public List<String> segments() {
		return jdbc.sql("""
				with recursive segments (segment) as (
				  select min(segment) from customer
				  union all
				  select (select min(c.segment) from customer c where c.segment > s.segment) from segments s
				  where s.segment is not null
				)
				select segment from segments where segment is not null order by segment
				""").query(String.class).list();
	}

	/** Recovery measures of the scope's segment (cases belong to customers, not to channels). */
	RecoveryPanel recoveryCases(DashboardQuery query) {
		RecoveryMeasurement measurement = recoveryMeasures.current(query.segment());
		return new RecoveryPanel(measurement.openCases(), measurement.overdueCases(),
				measurement.medianHoursToAcknowledge(), measurement.medianHoursToResolve(),
				measurement.recoveryRatePercent());
	}

	public boolean anyFeedback() {
		return jdbc.sql("select exists (select 1 from feedback)").query(Boolean.class).single();
	}

	private boolean scopeHasFeedback(DashboardQuery query) {
		Filter filter = Filter.of(query);
		return jdbc.sql("select exists (select 1 from feedback f" + filter.join() + " where f.received_at <= :asOf"
				+ filter.conditions() + ")")
			.params(filter.params())
			.param("asOf", Timestamp.from(query.asOf()))
			.query(Boolean.class)
			.single();
	}

	private static Signal weakest(TrustScore score) {
		return score.signals().values().stream()
			.filter(SignalScore::hasScore)
			.min(Comparator.comparingDouble(SignalScore::score))
			.map(SignalScore::signal)
			.orElse(null);
	}

	/**
	 * The instants of the trend: the end of each of the last {@link #TREND_WEEKS} weeks (weeks end on Monday 00:00 in
	 * the business time zone, labelled with their Sunday), then the end of the period itself.
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

	private List<BreakdownRow> bySegment(DashboardQuery query, TrustScore noData, List<ActivityCounts> cells,
			ScopeBreakdown breakdown) {
		List<String> segments = (query.segment() != null) ? List.of(query.segment()) : segments();
		Map<String, TrustScore> scores = breakdown.bySegment();
		List<BreakdownRow> rows = new ArrayList<>();
		for (String segment : segments) {
			TrustScore score = scores.getOrDefault(segment, noData);
			long responses = ActivityCounts.total(cells, new Scope(segment, query.channel())).entries();
			rows.add(new BreakdownRow(segment, null, score.trust(), score.band(), score.evidence(), responses));
		}
		return rows;
	}

	private List<BreakdownRow> byChannel(DashboardQuery query, TrustScore noData, List<ActivityCounts> cells,
			ScopeBreakdown breakdown) {
		List<Channel> channels = (query.channel() != null) ? List.of(query.channel()) : List.of(Channel.values());
		Map<Channel, TrustScore> scores = breakdown.byChannel();
		List<BreakdownRow> rows = new ArrayList<>();
		for (Channel channel : channels) {
			TrustScore score = scores.getOrDefault(channel, noData);
			long responses = ActivityCounts.total(cells, new Scope(query.segment(), channel)).entries();
			rows.add(new BreakdownRow(null, channel, score.trust(), score.band(), score.evidence(), responses));
		}
		return rows;
	}

	/** Incidents of the period by type, the most damaging (count × severity) first. */
	List<IncidentRow> incidents(DashboardQuery query, ScoringPolicy policy) {
		Filter filter = Filter.of(query);
		Map<IncidentType, Long> counts = new EnumMap<>(IncidentType.class);
		jdbc.sql("select t.type, count(*) as n from feedback f" + filter.join()
				+ " cross join lateral unnest(f.incident_types) as t(type)"
				+ " where f.received_at >= :from and f.received_at < :to and cardinality(f.incident_types) > 0"
				+ filter.conditions() + " group by t.type")
			.params(filter.params())
			.param("from", Timestamp.from(query.from()))
			.param("to", Timestamp.from(query.to()))
			.query((rs, row) -> counts.put(IncidentType.valueOf(rs.getString("type")), rs.getLong("n")))
			.list();
		return counts.entrySet().stream()
			.map(e -> new IncidentRow(e.getKey(), e.getValue(), policy.severity(e.getKey()),
					e.getValue() * policy.severity(e.getKey())))
			.sorted(Comparator.comparingLong(IncidentRow::damage).reversed()
				.thenComparing(Comparator.comparingLong(IncidentRow::count).reversed())
				.thenComparing(IncidentRow::type))
			.toList();
	}

	/**
	 * AT_RISK and WATCH counts of the scope's customers (a customer's status counts all its channels, so only the
	 * segment narrows this panel), and the lowest trust among the {@link #RISK_CANDIDATES} customers with the most
	 * recent negatives inside the risk window. Status and trust of the listed customers come from
	 * {@link TrustScores#forCustomer}.
	 */
	RiskPanel risk(DashboardQuery query, ScoringPolicy policy) {
		Instant asOf = query.asOf();
		Filter filter = Filter.of(query.segment(), null);
		String negatives = "select f.customer_id, count(*) as negatives, max(f.received_at) as latest from feedback f"
				+ filter.join() + " where f.negative and f.received_at > :windowStart and f.received_at <= :asOf"
				+ filter.conditions() + " group by f.customer_id";
		Map<String, Object> params = new LinkedHashMap<>(filter.params());
		params.put("windowStart", Timestamp.from(asOf.minus(Duration.ofDays(policy.riskWindowDays()))));
		params.put("asOf", Timestamp.from(asOf));
		params.put("atRisk", policy.atRiskCount());
		// one pass over the window's negatives for both the counts and the candidates
		long[] counts = new long[2];
		List<Candidate> candidates = new ArrayList<>();
		jdbc.sql("with n as materialized (" + negatives + "),"
				+ " counts as (select count(*) filter (where negatives >= :atRisk) as at_risk,"
				+ " count(*) filter (where negatives < :atRisk) as watch from n)"
				+ " select k.at_risk, k.watch, t.* from counts k left join lateral ("
				+ " select top.*, c.reference, c.name, c.segment from (select * from n"
				+ " order by (n.negatives >= :atRisk) desc, n.negatives desc, n.latest desc, n.customer_id limit :limit)"
				+ " top join customer c on c.id = top.customer_id"
				+ ") t on true order by (t.negatives >= :atRisk) desc, t.negatives desc, t.latest desc, t.customer_id")
			.params(params)
			.param("limit", RISK_CANDIDATES)
			.query(rs -> {
				counts[0] = rs.getLong("at_risk");
				counts[1] = rs.getLong("watch");
				long id = rs.getLong("customer_id");
				if (!rs.wasNull()) {
					candidates.add(new Candidate(id, rs.getString("reference"), rs.getString("name"),
							rs.getString("segment")));
				}
			});
		Map<Long, CustomerTrust> trusts = trustScores.forCustomers(candidates.stream().map(Candidate::id).toList(), asOf);
		List<CustomerAtRisk> customers = new ArrayList<>();
		for (Candidate candidate : candidates) {
			CustomerTrust trust = trusts.get(candidate.id());
			customers.add(new CustomerAtRisk(candidate.id(), candidate.reference(), candidate.name(),
					candidate.segment(), trust.status(), trust.negativeCount(), trust.score().trust(),
					trust.score().band()));
		}
		List<CustomerAtRisk> lowest = customers.stream()
			.sorted(Comparator.comparing(CustomerAtRisk::status).reversed()
				.thenComparing(CustomerAtRisk::trust, Comparator.nullsLast(Comparator.naturalOrder())))
			.limit(RISK_LIST_SIZE)
			.toList();
		return new RiskPanel(counts[0], counts[1], lowest);
	}

	private record Candidate(long id, String reference, String name, String segment) {
	}

	/** The SQL that narrows feedback {@code f} to a scope; only the conditions needed, so indexes stay usable. */
	private record Filter(String join, String conditions, Map<String, Object> params) {

		static Filter of(DashboardQuery query) {
			return of(query.segment(), query.channel());
		}

		static Filter of(String segment, Channel channel) {
			StringBuilder conditions = new StringBuilder();
			Map<String, Object> params = new LinkedHashMap<>();
			if (segment != null) {
				conditions.append(" and c.segment = :segment");
				params.put("segment", segment);
			}
			if (channel != null) {
				conditions.append(" and f.channel = :channel");
				params.put("channel", channel.name());
			}
			String join = (segment != null) ? " join customer c on c.id = f.customer_id" : "";
			return new Filter(join, conditions.toString(), params);
		}

	}

}
