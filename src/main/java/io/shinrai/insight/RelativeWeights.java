package io.shinrai.insight;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Johnson's relative weights (2000): each predictor's share of the explained variance R²
 * of an outcome, also when predictors are correlated. The predictors' correlation matrix
 * R = VΛVᵀ gives its symmetric square root Z = VΛ^½Vᵀ (the orthogonal variables closest
 * to the predictors); the outcome regressed on them has β = Z⁻¹r, and predictor j's
 * weight is εⱼ = Σₖ Zⱼₖ²βₖ². The weights add up to R² = rᵀR⁻¹r. A correlation matrix from
 * pairwise complete observations may not be positive semi-definite; eigenvalues below
 * {@link #MIN_EIGENVALUE} are raised to it.
 */
final class RelativeWeights {

	static final double MIN_EIGENVALUE = 1e-6;

	private RelativeWeights() {
	}

	/**
	 * @param predictors the predictors' correlations with each other (symmetric, ones on
	 * the diagonal)
	 * @param outcome each predictor's correlation with the outcome
	 * @return each predictor's raw relative weight (adding up to R²)
	 */
	static double[] of(double[][] predictors, double[] outcome) {
		int p = outcome.length;
		if (p == 0) {
			return new double[0];
		}
		RealMatrix correlations = new Array2DRowRealMatrix(predictors, true);
		EigenDecomposition eigen = new EigenDecomposition(correlations);
		RealMatrix vectors = eigen.getV();
		double[] values = eigen.getRealEigenvalues();
		double[] root = new double[p];
		double[] inverseRoot = new double[p];
		for (int k = 0; k < p; k++) {
			double value = Math.max(values[k], MIN_EIGENVALUE);
			root[k] = Math.sqrt(value);
			inverseRoot[k] = 1 / root[k];
		}
		RealMatrix z = vectors.multiply(diagonal(root)).multiply(vectors.transpose());
		RealMatrix zInverse = vectors.multiply(diagonal(inverseRoot)).multiply(vectors.transpose());
		RealVector beta = zInverse.operate(new ArrayRealVector(outcome, false));
		double[] weights = new double[p];
		for (int j = 0; j < p; j++) {
			double sum = 0;
			for (int k = 0; k < p; k++) {
				double loading = z.getEntry(j, k);
				sum += loading * loading * beta.getEntry(k) * beta.getEntry(k);
			}
			weights[j] = sum;
		}
		return weights;
	}

	private static RealMatrix diagonal(double[] values) {
		RealMatrix matrix = new Array2DRowRealMatrix(values.length, values.length);
		for (int i = 0; i < values.length; i++) {
			matrix.setEntry(i, i, values[i]);
		}
		return matrix;
	}

}
