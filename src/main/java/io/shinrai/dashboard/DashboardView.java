package io.shinrai.dashboard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Band;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.SatisfactionMetrics;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.TrustScore;

/**
 * Everything the dashboard page shows for one {@link DashboardQuery}. Trust numbers come
 * from the scoring module's public API, so they equal what the JSON API answers for the
 * same scope and instant.
 *
 * @param anyFeedback whether the database holds any feedback at all (else the page
 * explains how to start)
 * @param scopeHasFeedback whether the chosen scope has feedback received up to the end of
 * the period
 * @param trust the scope's trust as of the end of the period
 * @param trustChange trust now minus trust at the start of the period (the end of the
 * previous period of the same length); {@code null} unless both exist
 * @param weakest the signal with the lowest score, {@code null} when no signal has one
 * @param comparison trust, NPS, CSAT and CES against the previous period, with their
 * sample sizes
 */
public record DashboardView(DashboardQuery query, ScoringPolicy policy, boolean anyFeedback, boolean scopeHasFeedback,
		TrustScore trust, Double trustChange, Signal weakest, List<TrendPoint> trend, SatisfactionMetrics satisfaction,
		RiskPanel risk, RecoveryPanel recovery, List<BreakdownRow> bySegment, List<BreakdownRow> byChannel,
		List<IncidentRow> incidents, PeriodComparison comparison) {

	public DashboardView {
		trend = List.copyOf(trend);
		bySegment = List.copyOf(bySegment);
		byChannel = List.copyOf(byChannel);
		incidents = List.copyOf(incidents);
	}

	/** The empty state: nothing to show for this scope. */
	public boolean isEmpty() {
		return !scopeHasFeedback;
	}

	/** The scope's trust and NPS (over the risk window) at the end of one week. */
	public record TrendPoint(LocalDate weekEnding, Instant asOf, Double trust, Double nps) {
	}

	/**
	 * Customers with negative entries inside the risk window: counts, and the most
	 * worrying ones with their trust, lowest first.
	 */
	public record RiskPanel(long atRisk, long watch, List<CustomerAtRisk> customers) {

		public RiskPanel {
			customers = List.copyOf(customers);
		}

	}

	public record CustomerAtRisk(long id, String reference, String name, String segment, CustomerStatus status,
			long negativeCount, Double trust, Band band) {
	}

	/**
	 * Recovery of trust: open and overdue cases now, median hours to acknowledge and to
	 * resolve and the recovery rate (percent) over the last 90 days; {@code null} where
	 * nothing qualifies.
	 */
	public record RecoveryPanel(long open, long overdue, Double medianHoursToAcknowledge, Double medianHoursToResolve,
			Double recoveryRatePercent) {
	}

	/**
	 * One segment or channel: its trust as of the end of the period, the evidence behind
	 * it, and the feedback entries received in the period. Exactly one of {@code segment}
	 * and {@code channel} is set.
	 */
	public record BreakdownRow(String segment, Channel channel, Double trust, Band band, double evidence,
			long responses) {
	}

	/**
	 * How often an incident type occurred in the period and how much that weighs: count ×
	 * policy severity.
	 */
	public record IncidentRow(IncidentType type, long count, int severity, long damage) {
	}

}
