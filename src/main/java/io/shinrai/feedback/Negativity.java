package io.shinrai.feedback;

import java.util.Collection;

/**
 * The rule of docs/scoring.md for a negative feedback entry: it has an incident; the mean of its signal ratings is ≤ 2.0;
 * NPS ≤ 6; CSAT ≤ 2; or CES ≤ 3. It does not depend on the scoring policy, so it is stored with the entry.
 */
public final class Negativity {

	private Negativity() {
	}

	public static boolean isNegative(Collection<Integer> ratings, int incidentCount, Integer nps, Integer csat,
			Integer ces) {
		if (incidentCount > 0) {
			return true;
		}
		// compared in integers (sum ≤ 2·n) so a mean of exactly 2.0 can never round the wrong way
		int count = 0;
		int sum = 0;
		for (Integer rating : ratings) {
			if (rating != null) {
				count++;
				sum += rating;
			}
		}
		if (count > 0 && sum <= 2 * count) {
			return true;
		}
		return (nps != null && nps <= 6) || (csat != null && csat <= 2) || (ces != null && ces <= 3);
	}

}
