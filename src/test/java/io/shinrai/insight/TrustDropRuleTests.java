package io.shinrai.insight;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustDropRuleTests {

	/**
	 * 13 stable weeks around 70 with noise, then four weeks falling by {@code step} a
	 * week.
	 */
	private static double[] stableThenFalling(double noise, double step, long seed) {
		Random random = new Random(seed);
		double[] weekly = new double[TrustDropRule.WEEKS];
		for (int i = 0; i <= TrustDropRule.BASELINE_WEEKS; i++) {
			weekly[i] = 70 + noise * random.nextGaussian();
		}
		for (int i = TrustDropRule.BASELINE_WEEKS + 1; i < weekly.length; i++) {
			weekly[i] = weekly[i - 1] - step;
		}
		return weekly;
	}

	@Test
	void warnsOfAPlantedDecline() {
		TrustDropRule.Verdict verdict = TrustDropRule.evaluate(stableThenFalling(0.3, 1.5, 1));
		assertThat(verdict.warn()).isTrue();
		assertThat(verdict.drop()).isCloseTo(6, org.assertj.core.data.Offset.offset(0.01));
		assertThat(verdict.recentChange()).isCloseTo(-1.5, org.assertj.core.data.Offset.offset(0.01));
	}

	@Test
	void doesNotWarnOfAStableNoisySeries() {
		for (long seed = 1; seed <= 200; seed++) {
			Random random = new Random(seed);
			double[] weekly = new double[TrustDropRule.WEEKS];
			for (int i = 0; i < weekly.length; i++) {
				weekly[i] = 65 + 1.5 * random.nextGaussian();
			}
			assertThat(TrustDropRule.evaluate(weekly).warn()).as("seed %d", seed).isFalse();
		}
	}

	@Test
	void doesNotWarnWhenTheDropIsWithinTheUsualSwings() {
		// weekly swings of ±3 points are usual for this scope; a 1.5-point fall a week is
		// not beyond them
		double[] weekly = new double[TrustDropRule.WEEKS];
		for (int i = 0; i <= TrustDropRule.BASELINE_WEEKS; i++) {
			weekly[i] = 60 + (i % 2 == 0 ? 3 : -3);
		}
		for (int i = TrustDropRule.BASELINE_WEEKS + 1; i < weekly.length; i++) {
			weekly[i] = weekly[i - 1] - 1.5;
		}
		assertThat(TrustDropRule.evaluate(weekly).warn()).isFalse();
	}

	@Test
	void doesNotWarnOfASteadyLongDeclineThatIsTheUsualPace() {
		double[] weekly = new double[TrustDropRule.WEEKS];
		for (int i = 0; i < weekly.length; i++) {
			weekly[i] = 80 - 0.8 * i;
		}
		assertThat(TrustDropRule.evaluate(weekly).warn()).isFalse();
	}

	@Test
	void doesNotWarnOfATinyDropOfAFlatSeries() {
		// beyond two (floored) deviations, but less than the minimum drop
		assertThat(TrustDropRule.evaluate(stableThenFalling(0, 0.4, 1)).warn()).isFalse();
	}

	@Test
	void needsSeventeenWeeks() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustDropRule.evaluate(new double[16]));
	}

}
