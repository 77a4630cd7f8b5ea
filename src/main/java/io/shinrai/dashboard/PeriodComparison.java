package io.shinrai.dashboard;

import java.time.Instant;

import io.shinrai.scoring.ActivityCounts;
import io.shinrai.scoring.SatisfactionMetrics;

/**
 * The dashboard's headline numbers against the previous period of the same length
 * ([previousFrom, previousTo), which ends where the chosen period starts), and how much
 * each can be trusted: a number from fewer than {@code minimumResponses} responses is
 * {@link Metric#few() few}, and NPS and CSAT carry their 95 % interval.
 */
public record PeriodComparison(Instant previousFrom, Instant previousTo, int minimumResponses, Metric trust, Metric nps,
		Metric csat, Metric ces) {

	/**
	 * A 95 % interval in the units of the number it belongs to (percent for CSAT,
	 * −100…100 for NPS).
	 */
	public record Interval(double low, double high) {
	}

	/**
	 * One number now and in the previous period ({@code null} where there is none), the
	 * responses behind each, and its interval where one fits.
	 */
	public record Metric(Double value, Double previous, long responses, long previousResponses, boolean few,
			Interval interval) {

		/** Now minus before; {@code null} unless both exist. */
		public Double change() {
			return (value != null && previous != null) ? value - previous : null;
		}

	}

	static PeriodComparison of(Instant previousFrom, Instant previousTo, int minimumResponses, Double trustNow,
			Double trustBefore, ActivityCounts now, ActivityCounts before) {
		SatisfactionMetrics a = now.satisfaction();
		SatisfactionMetrics b = before.satisfaction();
		return new PeriodComparison(previousFrom, previousTo, minimumResponses,
				new Metric(trustNow, trustBefore, now.entries(), before.entries(), now.entries() < minimumResponses,
						null),
				new Metric(a.nps(), b.nps(), a.npsResponses(), b.npsResponses(), a.npsResponses() < minimumResponses,
						SampleMath.npsInterval(now.promoters(), now.detractors(), now.npsResponses())),
				new Metric(a.csat(), b.csat(), a.csatResponses(), b.csatResponses(),
						a.csatResponses() < minimumResponses,
						SampleMath.wilsonPercent(now.csatTop2(), now.csatResponses())),
				new Metric(a.ces(), b.ces(), a.cesResponses(), b.cesResponses(), a.cesResponses() < minimumResponses,
						null));
	}

}
