package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.shinrai.feedback.Signal;

class SatisfactionMetricsTests {

	private static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");

	private static final Instant TO = Instant.parse("2026-07-01T00:00:00Z");

	@Test
	void computesTheWorkedExample() {
		List<FeedbackFacts> example = List.of(answers(FROM, null, null, null),
				answers(Instant.parse("2026-05-31T00:00:00Z"), 4, null, null),
				answers(Instant.parse("2026-06-30T00:00:00Z"), 9, 5, 6));

		SatisfactionMetrics metrics = SatisfactionMetrics.of(example, FROM, TO);

		assertThat(metrics.nps()).isCloseTo(0.0, within(1e-6));
		assertThat(metrics.npsResponses()).isEqualTo(2);
		assertThat(metrics.csat()).isCloseTo(100.0, within(1e-6));
		assertThat(metrics.csatResponses()).isEqualTo(1);
		assertThat(metrics.ces()).isCloseTo(6.0, within(1e-6));
		assertThat(metrics.cesResponses()).isEqualTo(1);
	}

	@Test
	void npsCountsPromotersFromNineAndDetractorsUpToSix() {
		List<FeedbackFacts> feedback = List.of(nps(10), nps(9), nps(8), nps(7), nps(6), nps(0));

		// (2 promoters − 2 detractors) / 6; passives 7–8 only dilute.
		assertThat(SatisfactionMetrics.of(feedback, FROM, TO).nps()).isZero();
		assertThat(SatisfactionMetrics.of(List.of(nps(0), nps(6)), FROM, TO).nps()).isEqualTo(-100.0);
		assertThat(SatisfactionMetrics.of(List.of(nps(9), nps(7), nps(7)), FROM, TO).nps()).isCloseTo(100.0 / 3,
				within(1e-12));
	}

	@Test
	void csatIsTheTopTwoBoxPercentage() {
		List<FeedbackFacts> feedback = List.of(answers(FROM, null, 5, null), answers(FROM, null, 4, null),
				answers(FROM, null, 3, null), answers(FROM, null, 1, null));

		assertThat(SatisfactionMetrics.of(feedback, FROM, TO).csat()).isEqualTo(50.0);
	}

	@Test
	void cesIsTheMeanAnswer() {
		List<FeedbackFacts> feedback = List.of(answers(FROM, null, null, 7), answers(FROM, null, null, 2),
				answers(FROM, null, null, 6));

		assertThat(SatisfactionMetrics.of(feedback, FROM, TO).ces()).isEqualTo(5.0);
		assertThat(SatisfactionMetrics.fromCounts(0, 0, 0, 0, 0, 13, 2).ces()).isEqualTo(6.5);
	}

	@Test
	void fromCountsMatchesCountingEntries() {
		assertThat(SatisfactionMetrics.fromCounts(3, 1, 5, 2, 4, 11, 2))
			.isEqualTo(new SatisfactionMetrics(40.0, 5, 50.0, 4, 5.5, 2));
	}

	@Nested
	class Period {

		@Test
		void includesItsStartAndExcludesItsEnd() {
			List<FeedbackFacts> feedback = List.of(nps(10, FROM), nps(0, TO), nps(0, FROM.minusSeconds(1)),
					nps(10, TO.minusSeconds(1)));

			SatisfactionMetrics metrics = SatisfactionMetrics.of(feedback, FROM, TO);

			assertThat(metrics.npsResponses()).isEqualTo(2);
			assertThat(metrics.nps()).isEqualTo(100.0);
		}

		@Test
		void emptyPeriodHasNoResponses() {
			SatisfactionMetrics metrics = SatisfactionMetrics.of(List.of(nps(10, FROM)), FROM, FROM);

			assertThat(metrics.npsResponses()).isZero();
			assertThat(metrics.nps()).isNull();
		}

	}

	@Nested
	class NoResponses {

		@Test
		void metricWithoutResponsesIsNullRatherThanZero() {
			List<FeedbackFacts> ratingsOnly = List
				.of(new FeedbackFacts(FROM, Map.of(Signal.QUALITY, 5), List.of(), null, null, null));

			SatisfactionMetrics metrics = SatisfactionMetrics.of(ratingsOnly, FROM, TO);

			assertThat(metrics).isEqualTo(new SatisfactionMetrics(null, 0, null, 0, null, 0));
		}

		@Test
		void eachMetricIsNullOnlyForItsOwnMissingAnswers() {
			SatisfactionMetrics metrics = SatisfactionMetrics.of(List.of(answers(FROM, null, 1, null)), FROM, TO);

			assertThat(metrics.nps()).isNull();
			assertThat(metrics.csat()).isZero();
			assertThat(metrics.ces()).isNull();
		}

		@Test
		void zeroCountsAreNull() {
			assertThat(SatisfactionMetrics.fromCounts(0, 0, 0, 0, 0, 0, 0))
				.isEqualTo(new SatisfactionMetrics(null, 0, null, 0, null, 0));
		}

	}

	private static FeedbackFacts nps(int nps) {
		return nps(nps, FROM.plus(Duration.ofDays(1)));
	}

	private static FeedbackFacts nps(int nps, Instant at) {
		return answers(at, nps, null, null);
	}

	private static FeedbackFacts answers(Instant at, Integer nps, Integer csat, Integer ces) {
		return new FeedbackFacts(at, Map.of(Signal.QUALITY, 3), List.of(), nps, csat, ces);
	}

}
