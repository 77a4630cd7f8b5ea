package io.shinrai.insight;

/**
 * When a scope's trust is falling beyond its usual week-to-week variation. From 17 weekly
 * trust values (oldest first) come 16 weekly changes; the mean of the last
 * {@value #RECENT_WEEKS} is compared with the mean μ and standard deviation σ of the
 * {@value #BASELINE_WEEKS} before them. It warns when the recent mean is below μ −
 * {@value #SIGMAS}·σ (σ at least {@value #MIN_DEVIATION} points, so a perfectly flat
 * history does not make any wobble a warning) and trust lost at least {@value #MIN_DROP}
 * points over the recent weeks.
 */
public final class TrustDropRule {

	public static final int RECENT_WEEKS = 4;

	public static final int BASELINE_WEEKS = 12;

	/** Weekly values needed: one more than the changes. */
	public static final int WEEKS = RECENT_WEEKS + BASELINE_WEEKS + 1;

	public static final double SIGMAS = 2;

	public static final double MIN_DEVIATION = 0.25;

	public static final double MIN_DROP = 2;

	private TrustDropRule() {
	}

	/**
	 * @param recentChange the mean weekly change of the recent weeks (points)
	 * @param usualChange μ, the mean weekly change before
	 * @param usualDeviation σ as used (at least {@link #MIN_DEVIATION})
	 * @param drop trust at the start of the recent weeks less trust now
	 */
	public record Verdict(boolean warn, double recentChange, double usualChange, double usualDeviation, double drop) {
	}

	public static Verdict evaluate(double[] weekly) {
		if (weekly.length != WEEKS) {
			throw new IllegalArgumentException("needs " + WEEKS + " weekly values, got " + weekly.length);
		}
		double[] changes = new double[WEEKS - 1];
		for (int i = 1; i < WEEKS; i++) {
			changes[i - 1] = weekly[i] - weekly[i - 1];
		}
		double usual = 0;
		for (int i = 0; i < BASELINE_WEEKS; i++) {
			usual += changes[i];
		}
		usual /= BASELINE_WEEKS;
		double squares = 0;
		for (int i = 0; i < BASELINE_WEEKS; i++) {
			squares += (changes[i] - usual) * (changes[i] - usual);
		}
		double deviation = Math.max(MIN_DEVIATION, Math.sqrt(squares / (BASELINE_WEEKS - 1)));
		double recent = 0;
		for (int i = BASELINE_WEEKS; i < changes.length; i++) {
			recent += changes[i];
		}
		recent /= RECENT_WEEKS;
		double drop = weekly[BASELINE_WEEKS] - weekly[WEEKS - 1];
		boolean warn = recent < usual - SIGMAS * deviation && drop >= MIN_DROP;
		return new Verdict(warn, recent, usual, deviation, drop);
	}

}
