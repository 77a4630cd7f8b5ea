package io.shinrai.scoring;

/**
 * How worried to be about a customer, from its negative entries inside the risk window.
 */
public enum CustomerStatus {

	OK, WATCH, AT_RISK;

	public static CustomerStatus of(long negativeCount, ScoringPolicy policy) {
		if (negativeCount >= policy.atRiskCount()) {
			return AT_RISK;
		}
		return (negativeCount >= 1) ? WATCH : OK;
	}

}
