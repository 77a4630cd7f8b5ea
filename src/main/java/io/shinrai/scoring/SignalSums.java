package io.shinrai.scoring;

/**
 * Σ w·p and Σ w of one signal's observations as of one instant. Sums of disjoint sets of
 * observations add up, which is what lets a faster path keep them per customer or per day
 * and still score exactly.
 */
public record SignalSums(double weightedPoints, double weight) {

	public static final SignalSums ZERO = new SignalSums(0, 0);

	public SignalSums plus(SignalSums other) {
		return new SignalSums(weightedPoints + other.weightedPoints, weight + other.weight);
	}

	/** Adds one observation's points carried at (already decayed) weight {@code w}. */
	public SignalSums plus(double points, double w) {
		return new SignalSums(weightedPoints + w * points, weight + w);
	}

}
