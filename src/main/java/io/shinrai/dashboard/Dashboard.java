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
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.SatisfactionMetrics;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.SignalScore;
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
		ScopeTrust now = trustScores.forScope(scope, asOf);
		ScopeTrust before = trustScores.forScope(scope, asOf.minus(TRUST_CHANGE_SPAN));
		Double change = (now.score().hasData() && before.score().hasData())
				? now.score().trust() - before.score().trust() : null;
		List<PeriodCell> cells = periodCells(query);
		return new DashboardView(query, policy, anyFeedback(), scopeHasFeedback(query), now.score(), change,
				weakest(now.score()), trend(scope, asOf), satisfaction(cells, query.segment(), query.channel()),
				risk(query, policy), recoveryCases(query), bySegment(query, cells), byChannel(query, cells),
				incidents(query, policy));
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
	 * The scope's trust and NPS at the end of each of the last {@link #TREND_WEEKS} weeks (weeks end on Monday 00:00
	 * in the business time zone), then as of the end of the period itself.
	 */
	List<TrendPoint> trend(Scope scope, Instant asOf) {
		LocalDate lastMonday = asOf.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<TrendPoint> points = new ArrayList<>();
		for (int week = TREND_WEEKS - 1; week >= 0; week--) {
			LocalDate weekEnd = lastMonday.minusWeeks(week);
			Instant at = weekEnd.atStartOfDay(zone).toInstant();
			if (at.isBefore(asOf)) {
				points.add(point(scope, weekEnd.minusDays(1), at));
			}
		}
		points.add(point(scope, asOf.atZone(zone).toLocalDate(), asOf));
		return points;
	}

	private TrendPoint point(Scope scope, LocalDate label, Instant at) {
		ScopeTrust trust = trustScores.forScope(scope, at);
		return new TrendPoint(label, at, trust.score().trust(), trust.satisfaction().nps());
	}

	/** Counts per (segment, channel) of the entries received in the period: one pass over the period's rows. */
	private List<PeriodCell> periodCells(DashboardQuery query) {
		return jdbc.sql("""
				select c.segment, f.channel, count(*) as entries,
				       count(*) filter (where f.nps >= 9) as promoters, count(*) filter (where f.nps <= 6) as detractors,
				       count(f.nps) as nps_responses,
				       count(*) filter (where f.csat >= 4) as csat_top2, count(f.csat) as csat_responses,
				       coalesce(sum(f.ces), 0) as ces_sum, count(f.ces) as ces_responses
				from feedback f join customer c on c.id = f.customer_id
				where f.received_at >= :from and f.received_at < :to
				group by c.segment, f.channel
				""")
			.param("from", Timestamp.from(query.from()))
			.param("to", Timestamp.from(query.to()))
			.query((rs, row) -> new PeriodCell(rs.getString("segment"), Channel.valueOf(rs.getString("channel")),
					rs.getLong("entries"), rs.getLong("promoters"), rs.getLong("detractors"),
					rs.getLong("nps_responses"), rs.getLong("csat_top2"), rs.getLong("csat_responses"),
					rs.getLong("ces_sum"), rs.getLong("ces_responses")))
			.list();
	}

	private static SatisfactionMetrics satisfaction(List<PeriodCell> cells, String segment, Channel channel) {
		PeriodCell sum = PeriodCell.ZERO;
		for (PeriodCell cell : cells) {
			if (cell.matches(segment, channel)) {
				sum = sum.plus(cell);
			}
		}
		return SatisfactionMetrics.fromCounts(sum.promoters, sum.detractors, sum.npsResponses, sum.csatTop2,
				sum.csatResponses, sum.cesSum, sum.cesResponses);
	}

	private List<BreakdownRow> bySegment(DashboardQuery query, List<PeriodCell> cells) {
		List<String> segments = (query.segment() != null) ? List.of(query.segment()) : segments();
		List<BreakdownRow> rows = new ArrayList<>();
		for (String segment : segments) {
			TrustScore score = trustScores.forScope(new Scope(segment, query.channel()), query.asOf()).score();
			long responses = cells.stream().filter(c -> c.matches(segment, query.channel())).mapToLong(PeriodCell::entries).sum();
			rows.add(new BreakdownRow(segment, null, score.trust(), score.band(), score.evidence(), responses));
		}
		return rows;
	}

	private List<BreakdownRow> byChannel(DashboardQuery query, List<PeriodCell> cells) {
		List<Channel> channels = (query.channel() != null) ? List.of(query.channel()) : List.of(Channel.values());
		List<BreakdownRow> rows = new ArrayList<>();
		for (Channel channel : channels) {
			TrustScore score = trustScores.forScope(new Scope(query.segment(), channel), query.asOf()).score();
			long responses = cells.stream().filter(c -> c.matches(query.segment(), channel)).mapToLong(PeriodCell::entries).sum();
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
		long[] counts = jdbc.sql("select count(*) filter (where negatives >= :atRisk) as at_risk,"
				+ " count(*) filter (where negatives < :atRisk) as watch from (" + negatives + ") n")
			.params(params)
			.query((rs, row) -> new long[] { rs.getLong("at_risk"), rs.getLong("watch") })
			.single();
		List<Candidate> candidates = jdbc.sql("select n.customer_id, c.reference, c.name, c.segment from (" + negatives
				+ ") n join customer c on c.id = n.customer_id"
				+ " order by (n.negatives >= :atRisk) desc, n.negatives desc, n.latest desc, n.customer_id limit :limit")
			.params(params)
			.param("limit", RISK_CANDIDATES)
			.query((rs, row) -> new Candidate(rs.getLong("customer_id"), rs.getString("reference"),
					rs.getString("name"), rs.getString("segment")))
			.list();
		List<CustomerAtRisk> customers = new ArrayList<>();
		for (Candidate candidate : candidates) {
			CustomerTrust trust = trustScores.forCustomer(candidate.id(), asOf);
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

	/** Counts of the period's entries for one segment and channel. */
	private record PeriodCell(String segment, Channel channel, long entries, long promoters, long detractors,
			long npsResponses, long csatTop2, long csatResponses, long cesSum, long cesResponses) {

		static final PeriodCell ZERO = new PeriodCell(null, null, 0, 0, 0, 0, 0, 0, 0, 0);

		boolean matches(String segment, Channel channel) {
			return (segment == null || segment.equals(this.segment)) && (channel == null || channel == this.channel);
		}

		PeriodCell plus(PeriodCell o) {
			return new PeriodCell(null, null, entries + o.entries, promoters + o.promoters, detractors + o.detractors,
					npsResponses + o.npsResponses, csatTop2 + o.csatTop2, csatResponses + o.csatResponses,
					cesSum + o.cesSum, cesResponses + o.cesResponses);
		}

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
