package io.shinrai.dashboard;

import io.shinrai.dashboard.PeriodComparison.Interval;

/**
 * 95 % intervals of the satisfaction shares, so that a number from few responses shows
 * how little it says: the Wilson score interval of a share (CSAT: the top-two-box share),
 * and the adjusted-Wald interval of NPS (the difference of the promoter and detractor
 * shares, each count plus ¾ over n + 3), which behaves at small n where the plain normal
 * interval does not. Pure functions; {@code null} without responses.
 */
final class SampleMath {

	/** The normal quantile of a two-sided 95 % interval. */
	static final double Z = 1.959963984540054;

	private SampleMath() {
	}

	/** Wilson score interval of {@code successes} out of {@code n}, in percent. */
	static Interval wilsonPercent(long successes, long n) {
		if (n <= 0) {
			return null;
		}
		double p = (double) successes / n;
		double z2 = Z * Z;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2.0 * n)) / denominator;
		double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
		// all or nothing: the bound on that side is exactly the edge (the formula gives
		// it up to rounding)
		double low = successes == 0 ? 0 : Math.max(0, centre - half);
		double high = successes == n ? 1 : Math.min(1, centre + half);
		return new Interval(100 * low, 100 * high);
	}

	/**
	 * Adjusted-Wald interval of NPS from the promoters and detractors among {@code n}
	 * answers, −100 to 100.
	 */
	static Interval npsInterval(long promoters, long detractors, long n) {
		if (n <= 0) {
			return null;
		}
		double adjusted = n + 3;
		double pp = (promoters + 0.75) / adjusted;
		double pd = (detractors + 0.75) / adjusted;
		double nps = pp - pd;
		double variance = (pp + pd - nps * nps) / adjusted;
		double half = Z * Math.sqrt(variance);
		return new Interval(100 * Math.max(-1, nps - half), 100 * Math.min(1, nps + half));
	}

}
