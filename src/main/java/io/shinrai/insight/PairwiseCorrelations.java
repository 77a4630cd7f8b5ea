package io.shinrai.insight;

/**
 * Pearson correlations of variables with missing values, each pair over the observations
 * where both are present (pairwise deletion), from weighted observations (a distinct
 * combination of values and how many entries have it). A pair observed together fewer
 * than {@code minimumPairs} times, or without variation, has correlation 0.
 */
final class PairwiseCorrelations {

	private final int variables;

	private final double[][] n;

	private final double[][] sumX;

	private final double[][] sumY;

	private final double[][] sumXX;

	private final double[][] sumYY;

	private final double[][] sumXY;

	PairwiseCorrelations(int variables) {
		this.variables = variables;
		this.n = new double[variables][variables];
		this.sumX = new double[variables][variables];
		this.sumY = new double[variables][variables];
		this.sumXX = new double[variables][variables];
		this.sumYY = new double[variables][variables];
		this.sumXY = new double[variables][variables];
	}

	/** Adds {@code weight} observations of {@code values} ({@code NaN} = missing). */
	void add(double[] values, double weight) {
		for (int i = 0; i < variables; i++) {
			double x = values[i];
			if (Double.isNaN(x)) {
				continue;
			}
			for (int j = i; j < variables; j++) {
				double y = values[j];
				if (Double.isNaN(y)) {
					continue;
				}
				n[i][j] += weight;
				sumX[i][j] += weight * x;
				sumY[i][j] += weight * y;
				sumXX[i][j] += weight * x * x;
				sumYY[i][j] += weight * y * y;
				sumXY[i][j] += weight * x * y;
			}
		}
	}

	/** How many observations have variable {@code i}. */
	long present(int i) {
		return Math.round(n[i][i]);
	}

	/** The sum of variable {@code i} over the observations having it. */
	double sum(int i) {
		return sumX[i][i];
	}

	/** Whether variable {@code i} takes more than one value. */
	boolean varies(int i) {
		return n[i][i] * sumXX[i][i] - sumX[i][i] * sumX[i][i] > 1e-9;
	}

	double correlation(int a, int b, double minimumPairs) {
		if (a == b) {
			return 1;
		}
		int i = Math.min(a, b);
		int j = Math.max(a, b);
		double count = n[i][j];
		if (count < minimumPairs) {
			return 0;
		}
		double varX = count * sumXX[i][j] - sumX[i][j] * sumX[i][j];
		double varY = count * sumYY[i][j] - sumY[i][j] * sumY[i][j];
		if (varX <= 1e-9 || varY <= 1e-9) {
			return 0;
		}
		double r = (count * sumXY[i][j] - sumX[i][j] * sumY[i][j]) / Math.sqrt(varX * varY);
		return Math.max(-1, Math.min(1, r));
	}

}
