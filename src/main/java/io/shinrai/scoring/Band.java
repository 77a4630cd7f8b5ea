package io.shinrai.scoring;

/** Where a trust score falls between the policy's thresholds. */
public enum Band {

	HIGH, MEDIUM, LOW;

	/**
	 * {@code HIGH} from the high threshold on, {@code LOW} strictly below the low one.
	 */
	public static Band of(double trust, ScoringPolicy policy) {
		if (trust >= policy.highThreshold()) {
			return HIGH;
		}
		return (trust < policy.lowThreshold()) ? LOW : MEDIUM;
	}

}
