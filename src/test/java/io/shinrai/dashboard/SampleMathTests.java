package io.shinrai.dashboard;

import io.shinrai.dashboard.PeriodComparison.Interval;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SampleMathTests {

	@Test
	void givesTheWilsonIntervalOfAShare() {
		// 8 of 10: the textbook Wilson 95 % interval is 0.490 to 0.943
		Interval interval = SampleMath.wilsonPercent(8, 10);
		assertThat(interval.low()).isCloseTo(49.0, within(0.1));
		assertThat(interval.high()).isCloseTo(94.3, within(0.1));
	}

	@Test
	void keepsTheWilsonIntervalInsideZeroToHundredEvenForAllOrNothing() {
		assertThat(SampleMath.wilsonPercent(0, 3).low()).isEqualTo(0.0);
		assertThat(SampleMath.wilsonPercent(3, 3).high()).isEqualTo(100.0);
		assertThat(SampleMath.wilsonPercent(3, 3).low()).isGreaterThan(30).isLessThan(100);
	}

	@Test
	void givesNoIntervalWithoutResponses() {
		assertThat(SampleMath.wilsonPercent(0, 0)).isNull();
		assertThat(SampleMath.npsInterval(0, 0, 0)).isNull();
	}

	@Test
	void narrowsTheNpsIntervalAsResponsesGrow() {
		Interval few = SampleMath.npsInterval(2, 1, 5);
		Interval many = SampleMath.npsInterval(200, 100, 500);
		assertThat(few.high() - few.low()).isGreaterThan(many.high() - many.low());
		// NPS of the many is 100 × (200 − 100) / 500 = 20, inside its interval
		assertThat(many.low()).isLessThan(20).isGreaterThan(10);
		assertThat(many.high()).isGreaterThan(20).isLessThan(30);
	}

	@Test
	void keepsTheNpsIntervalInsideMinusHundredToHundred() {
		Interval allPromoters = SampleMath.npsInterval(1, 0, 1);
		assertThat(allPromoters.high()).isLessThanOrEqualTo(100);
		assertThat(allPromoters.low()).isGreaterThanOrEqualTo(-100);
		Interval allDetractors = SampleMath.npsInterval(0, 4, 4);
		assertThat(allDetractors.low()).isGreaterThanOrEqualTo(-100);
		assertThat(allDetractors.high()).isLessThan(0);
	}

}
