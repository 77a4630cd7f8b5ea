package io.shinrai.feedback;

import java.util.Collection;

/**
 * The rule of docs/scoring.md for a negative feedback entry: it has an incident; the mean
 * of its signal ratings is ≤ 2.0; NPS ≤ 6; CSAT ≤ 2; or CES ≤ 3. It does not depend on
 * the scoring policy, so it is stored with the entry.
 */
public final class Negativity {

	/** NPS answers up to this are detractors, and make an entry negative. */
	public static final int NPS_DETRACTOR_MAX = 6;

	/** CSAT answers up to this make an entry negative. */
	public static final int CSAT_NEGATIVE_MAX = 2;

	/** CES answers up to this make an entry negative. */
	public static final int CES_NEGATIVE_MAX = 3;

	/** A mean signal rating up to this makes an entry negative. */
	public static final int RATING_MEAN_NEGATIVE_MAX = 2;

	private Negativity() {
	}

	public static boolean isNegative(Collection<Integer> ratings, int incidentCount, Integer nps, Integer csat,
			Integer ces) {
		if (incidentCount > 0) {
			return true;
		}
		// compared in integers (sum ≤ 2·n) so a mean of exactly 2.0 can never round the
		// wrong way
		int count = 0;
		int sum = 0;
		for (Integer rating : ratings) {
			if (rating != null) {
				count++;
				sum += rating;
			}
		}
		if (count > 0 && sum <= RATING_MEAN_NEGATIVE_MAX * count) {
			return true;
		}
		return (nps != null && nps <= NPS_DETRACTOR_MAX) || (csat != null && csat <= CSAT_NEGATIVE_MAX)
				|| (ces != null && ces <= CES_NEGATIVE_MAX);
	}

}
