package io.shinrai.scoring;

import java.time.Instant;
import java.util.Collection;

import io.shinrai.feedback.Negativity;

/**
 * NPS, CSAT (top-two-box percent) and CES (mean) over a period, each {@code null} when
 * nobody answered: a missing value must read as "—", not as a score of 0.
 */
public record SatisfactionMetrics(Double nps, long npsResponses, Double csat, long csatResponses, Double ces,
		long cesResponses) {

	/**
	 * NPS answers from this on are promoters (detractors: up to
	 * {@link Negativity#NPS_DETRACTOR_MAX}).
	 */
	static final int NPS_PROMOTER_MIN = 9;

	/** CSAT answers from this on are the top two boxes. */
	static final int CSAT_TOP_TWO_MIN = 4;

	/** Entries received in [from, to). */
	public static SatisfactionMetrics of(Collection<FeedbackFacts> feedback, Instant from, Instant to) {
		long promoters = 0, detractors = 0, npsResponses = 0;
		long csatTop2 = 0, csatResponses = 0;
		long cesSum = 0, cesResponses = 0;
		for (FeedbackFacts facts : feedback) {
			Instant t = facts.receivedAt();
			if (t.isBefore(from) || !t.isBefore(to)) {
				continue;
			}
			if (facts.nps() != null) {
				npsResponses++;
				promoters += (facts.nps() >= NPS_PROMOTER_MIN) ? 1 : 0;
				detractors += (facts.nps() <= Negativity.NPS_DETRACTOR_MAX) ? 1 : 0;
			}
			if (facts.csat() != null) {
				csatResponses++;
				csatTop2 += (facts.csat() >= CSAT_TOP_TWO_MIN) ? 1 : 0;
			}
			if (facts.ces() != null) {
				cesResponses++;
				cesSum += facts.ces();
			}
		}
		return fromCounts(promoters, detractors, npsResponses, csatTop2, csatResponses, cesSum, cesResponses);
	}

	/** From raw counts, as SQL aggregates return them. */
	public static SatisfactionMetrics fromCounts(long promoters, long detractors, long npsResponses, long csatTop2,
			long csatResponses, long cesSum, long cesResponses) {
		Double nps = (npsResponses > 0) ? 100.0 * (promoters - detractors) / npsResponses : null;
		Double csat = (csatResponses > 0) ? 100.0 * csatTop2 / csatResponses : null;
		Double ces = (cesResponses > 0) ? (double) cesSum / cesResponses : null;
		return new SatisfactionMetrics(nps, npsResponses, csat, csatResponses, ces, cesResponses);
	}

}
