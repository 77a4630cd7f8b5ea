package io.shinrai.scoring;

import static io.shinrai.feedback.IncidentType.BROKEN_PROMISE;
import static io.shinrai.feedback.IncidentType.PRODUCT_DEFECT;
import static io.shinrai.feedback.Signal.COMMUNICATION;
import static io.shinrai.feedback.Signal.CONSISTENCY;
import static io.shinrai.feedback.Signal.QUALITY;
import static io.shinrai.feedback.Signal.TRANSPARENCY;
import static io.shinrai.feedback.Signal.VALUES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Explanation.ExplainedInput;
import io.shinrai.scoring.Explanation.SignalExplanation;

class TrustCalculatorTests {

	private static final Offset<Double> EXACT = within(1e-6);

	private static final Instant T = Instant.parse("2026-06-30T00:00:00Z");

	private static final ScoringPolicy DEFAULTS = ScoringPolicy.defaults();

	/** The worked example of docs/scoring.md. */
	private static final List<FeedbackFacts> EXAMPLE = List.of(
			new FeedbackFacts(Instant.parse("2026-04-01T00:00:00Z"), Map.of(TRANSPARENCY, 5, QUALITY, 4), List.of(),
					null, null, null),
			new FeedbackFacts(Instant.parse("2026-05-31T00:00:00Z"), Map.of(TRANSPARENCY, 2, COMMUNICATION, 3),
					List.of(BROKEN_PROMISE), 4, null, null),
			new FeedbackFacts(Instant.parse("2026-06-30T00:00:00Z"), Map.of(QUALITY, 5, VALUES, 4), List.of(), 9, 5,
					6));

	@Test
	void scoresTheWorkedExampleToTheDigit() {
		TrustScore score = TrustCalculator.score(observations(EXAMPLE, DEFAULTS), DEFAULTS, T);

		assertThat(score.signal(TRANSPARENCY).score()).isCloseTo(51.565864, EXACT);
		assertThat(score.signal(CONSISTENCY).score()).isCloseTo(22.825310, EXACT);
		assertThat(score.signal(COMMUNICATION).score()).isCloseTo(50.000000, EXACT);
		assertThat(score.signal(QUALITY).score()).isCloseTo(67.857143, EXACT);
		assertThat(score.signal(VALUES).score()).isCloseTo(58.333333, EXACT);
		assertThat(score.trust()).isCloseTo(50.116330, EXACT);
		assertThat(score.evidence()).isCloseTo(6.968503, EXACT);
		assertThat(score.band()).isEqualTo(Band.MEDIUM);
		assertThat(statusOf(EXAMPLE)).isEqualTo(CustomerStatus.WATCH);
		assertThat(TrustCalculator.negativeCount(EXAMPLE, DEFAULTS, T)).isOne();
	}

	@Test
	void evidenceOfEachSignalIsItsDecayedWeight() {
		TrustScore score = TrustCalculator.score(observations(EXAMPLE, DEFAULTS), DEFAULTS, T);

		// 30 days old at H = 90 carries 2^(-1/3); BROKEN_PROMISE adds severity 3 at the
		// same age.
		double month = Math.pow(2, -30.0 / 90);
		assertThat(score.signal(CONSISTENCY).evidence()).isCloseTo(3 * month, EXACT);
		assertThat(score.signal(VALUES).evidence()).isEqualTo(1.0);
		double total = score.signals().values().stream().mapToDouble(SignalScore::evidence).sum();
		assertThat(score.evidence()).isCloseTo(total, within(1e-12));
	}

	@Test
	void halvesWeightEveryHalfLife() {
		Observation observation = Observation.rating(QUALITY, 5, T.minus(Duration.ofDays(90)));

		assertThat(TrustCalculator.currentWeight(observation, DEFAULTS, T)).isCloseTo(0.5, within(1e-15));
		assertThat(TrustCalculator.currentWeight(observation, DEFAULTS, T.plus(Duration.ofDays(90)))).isCloseTo(0.25,
				within(1e-15));
	}

	@Test
	void measuresAgeInRealDaysDownToTheSecond() {
		Observation observation = Observation.rating(QUALITY, 5, T.minus(Duration.ofHours(36)));

		assertThat(TrustCalculator.currentWeight(observation, DEFAULTS, T)).isCloseTo(Math.pow(2, -1.5 / 90),
				within(1e-15));
	}

	@Test
	void ignoresObservationsAfterTheInstantScored() {
		List<Observation> past = List.of(Observation.rating(QUALITY, 5, T.minus(Duration.ofDays(3))),
				Observation.rating(QUALITY, 4, T));
		List<Observation> withFuture = new ArrayList<>(past);
		withFuture.add(Observation.rating(QUALITY, 1, T.plusSeconds(1)));
		withFuture.add(Observation.incident(PRODUCT_DEFECT, 2, T.plus(Duration.ofDays(400))));

		TrustScore score = TrustCalculator.score(withFuture, DEFAULTS, T);

		assertThat(score).isEqualTo(TrustCalculator.score(past, DEFAULTS, T));
		assertThat(score.signal(QUALITY).evidence()).isCloseTo(1 + Math.pow(2, -3.0 / 90), within(1e-15));
	}

	@Test
	void shortHalfLifeWithTwoYearOldDataStaysFinite() {
		ScoringPolicy weekHalfLife = policy(DEFAULTS.weights(), 7, 2, DEFAULTS.lowThreshold(),
				DEFAULTS.highThreshold());
		ScoringPolicy noPrior = policy(DEFAULTS.weights(), 7, 0, DEFAULTS.lowThreshold(), DEFAULTS.highThreshold());
		List<Observation> old = List.of(Observation.rating(QUALITY, 5, T.minus(Duration.ofDays(730))),
				Observation.incident(BROKEN_PROMISE, 3, T.minus(Duration.ofDays(731))));

		TrustScore withPrior = TrustCalculator.score(old, weekHalfLife, T);
		TrustScore withoutPrior = TrustCalculator.score(old, noPrior, T);

		assertThat(withPrior.evidence()).isPositive();
		assertThat(withPrior.trust()).isFinite().isCloseTo(50.0, EXACT);
		// Without a prior the tiny weights cancel: each signal keeps its own points
		// exactly.
		assertThat(withoutPrior.signal(QUALITY).score()).isCloseTo(100.0, within(1e-9));
		assertThat(withoutPrior.signal(CONSISTENCY).score()).isZero();
		assertThat(withoutPrior.trust()).isFinite().isCloseTo(50.0, within(1e-9));
	}

	@Test
	void weightDecayedBelowDoublePrecisionIsNoDataRatherThanNaN() {
		ScoringPolicy weekHalfLife = policy(DEFAULTS.weights(), 7, 0, DEFAULTS.lowThreshold(),
				DEFAULTS.highThreshold());
		List<Observation> ancient = List.of(Observation.rating(QUALITY, 5, T.minus(Duration.ofDays(365 * 100))));

		TrustScore score = TrustCalculator.score(ancient, weekHalfLife, T);

		assertThat(score.hasData()).isFalse();
		assertThat(score.trust()).isNull();
		assertThat(score.signal(QUALITY).score()).isNull();
	}

	@Test
	void scoredSignalWithZeroWeightKeepsItsScoreButDoesNotCount() {
		ScoringPolicy policy = policy(weights(0, 20, 20, 20, 20), 90, 2, 40, 70);
		List<Observation> observations = List.of(Observation.rating(TRANSPARENCY, 1, T),
				Observation.rating(QUALITY, 5, T));

		TrustScore score = TrustCalculator.score(observations, policy, T);

		assertThat(score.signal(TRANSPARENCY).score()).isCloseTo(100.0 / 3, EXACT);
		assertThat(score.signal(QUALITY).score()).isCloseTo(200.0 / 3, EXACT);
		assertThat(score.trust()).isCloseTo((200.0 / 3 + 3 * 50) / 4, EXACT);
	}

	@Nested
	class NoData {

		@Test
		void scopeWithoutObservationsHasNoScoreRatherThanThePriorMean() {
			TrustScore score = TrustCalculator.score(List.of(), DEFAULTS, T);

			assertThat(score.hasData()).isFalse();
			assertThat(score.trust()).isNull();
			assertThat(score.band()).isNull();
			assertThat(score.evidence()).isZero();
			assertThat(score.signals()).containsOnlyKeys(Signal.values());
			assertThat(score.signals().values()).allSatisfy(signal -> assertThat(signal.score()).isNull());
		}

		@Test
		void scopeWithOnlyFutureObservationsHasNoScore() {
			TrustScore score = TrustCalculator.score(List.of(Observation.rating(QUALITY, 5, T.plusSeconds(1))),
					DEFAULTS, T);

			assertThat(score.hasData()).isFalse();
		}

		@Test
		void scopeWithoutObservationsHasNoScoreEvenWithoutPrior() {
			ScoringPolicy noPrior = policy(DEFAULTS.weights(), 90, 0, 40, 70);

			TrustScore score = TrustCalculator.score(List.of(), noPrior, T);

			assertThat(score.hasData()).isFalse();
			assertThat(score.trust()).isNull();
			assertThat(score.signals().values()).allSatisfy(signal -> assertThat(signal.score()).isNull());
		}

		@Test
		void emptySumsHaveNoScore() {
			assertThat(TrustCalculator.fromSums(Map.of(), DEFAULTS).hasData()).isFalse();
		}

	}

	@Nested
	class WithoutPrior {

		private final ScoringPolicy noPrior = policy(weights(20, 20, 20, 60, 20), 90, 0, 40, 70);

		@Test
		void leavesSignalWithoutEvidenceOutOfBothSums() {
			List<Observation> observations = List.of(Observation.rating(TRANSPARENCY, 5, T),
					Observation.rating(QUALITY, 1, T.minus(Duration.ofDays(10))));

			TrustScore score = TrustCalculator.score(observations, noPrior, T);

			assertThat(score.signal(TRANSPARENCY).score()).isEqualTo(100.0);
			assertThat(score.signal(QUALITY).score()).isEqualTo(0.0);
			assertThat(score.signal(CONSISTENCY).score()).isNull();
			assertThat(score.signal(COMMUNICATION).score()).isNull();
			assertThat(score.signal(VALUES).score()).isNull();
			// (20·100 + 60·0) / (20 + 60): the unscored signals' weights are not in the
			// denominator.
			assertThat(score.trust()).isCloseTo(25.0, EXACT);
			assertThat(score.band()).isEqualTo(Band.LOW);
		}

		@Test
		void hasNoTrustWhenOnlyZeroWeightSignalsHaveScores() {
			ScoringPolicy onlyTransparency = policy(weights(20, 0, 0, 0, 0), 90, 0, 40, 70);

			TrustScore score = TrustCalculator.score(List.of(Observation.rating(QUALITY, 5, T)), onlyTransparency, T);

			assertThat(score.trust()).isNull();
			assertThat(score.band()).isNull();
			assertThat(score.signal(QUALITY).score()).isEqualTo(100.0);
			assertThat(score.evidence()).isEqualTo(1.0);
		}

	}

	@Nested
	class Bands {

		@Test
		void trustEqualToHighThresholdIsHigh() {
			assertThat(Band.of(70.0, DEFAULTS)).isEqualTo(Band.HIGH);
			assertThat(Band.of(Math.nextDown(70.0), DEFAULTS)).isEqualTo(Band.MEDIUM);
		}

		@Test
		void trustEqualToLowThresholdIsMedium() {
			assertThat(Band.of(40.0, DEFAULTS)).isEqualTo(Band.MEDIUM);
			assertThat(Band.of(Math.nextDown(40.0), DEFAULTS)).isEqualTo(Band.LOW);
		}

		@Test
		void scoresLandingExactlyOnThresholdsTakeTheirBands() {
			ScoringPolicy policy = policy(DEFAULTS.weights(), 90, 0, 50, 75);

			TrustScore atHigh = TrustCalculator.score(List.of(Observation.rating(QUALITY, 4, T)), policy, T);
			TrustScore atLow = TrustCalculator.score(List.of(Observation.rating(QUALITY, 3, T)), policy, T);

			assertThat(atHigh.trust()).isEqualTo(75.0);
			assertThat(atHigh.band()).isEqualTo(Band.HIGH);
			assertThat(atLow.trust()).isEqualTo(50.0);
			assertThat(atLow.band()).isEqualTo(Band.MEDIUM);
		}

	}

	@Nested
	class RiskWindow {

		private final Duration window = Duration.ofDays(DEFAULTS.riskWindowDays());

		@Test
		void entryExactlyAtTheWindowEdgeIsOut() {
			assertThat(TrustCalculator.negativeCount(List.of(negative(T.minus(window))), DEFAULTS, T)).isZero();
		}

		@Test
		void entryOneSecondInsideTheWindowIsIn() {
			assertThat(TrustCalculator.negativeCount(List.of(negative(T.minus(window).plusSeconds(1))), DEFAULTS, T))
				.isOne();
		}

		@Test
		void entryAtTheInstantScoredIsIn() {
			assertThat(TrustCalculator.negativeCount(List.of(negative(T)), DEFAULTS, T)).isOne();
		}

		@Test
		void futureEntryIsOut() {
			assertThat(TrustCalculator.negativeCount(List.of(negative(T.plusSeconds(1))), DEFAULTS, T)).isZero();
		}

		@Test
		void countsOnlyNegativeEntries() {
			FeedbackFacts happy = new FeedbackFacts(T, Map.of(QUALITY, 5), List.of(), 10, 5, 7);

			assertThat(TrustCalculator.negativeCount(List.of(happy, negative(T)), DEFAULTS, T)).isOne();
		}

		@Test
		void statusRisesWithNegativeEntriesInTheWindow() {
			FeedbackFacts recent = negative(T.minus(Duration.ofDays(1)));
			FeedbackFacts expired = negative(T.minus(window));

			assertThat(statusOf(List.of(expired))).isEqualTo(CustomerStatus.OK);
			assertThat(statusOf(List.of(recent, expired))).isEqualTo(CustomerStatus.WATCH);
			assertThat(statusOf(List.of(recent, negative(T)))).isEqualTo(CustomerStatus.AT_RISK);
		}

		@Test
		void statusFollowsThePolicyCount() {
			assertThat(CustomerStatus.of(0, DEFAULTS)).isEqualTo(CustomerStatus.OK);
			assertThat(CustomerStatus.of(1, DEFAULTS)).isEqualTo(CustomerStatus.WATCH);
			assertThat(CustomerStatus.of(2, DEFAULTS)).isEqualTo(CustomerStatus.AT_RISK);
			assertThat(CustomerStatus.of(7, DEFAULTS)).isEqualTo(CustomerStatus.AT_RISK);
		}

		private FeedbackFacts negative(Instant at) {
			return new FeedbackFacts(at, Map.of(), List.of(), 3, null, null);
		}

	}

	@Nested
	class Additivity {

		@Test
		void sumsOfTwoGroupsScoreLikeTheirUnion() {
			Random random = new Random(20260630);
			for (int run = 0; run < 500; run++) {
				ScoringPolicy policy = randomPolicy(random);
				Instant asOf = T.plusSeconds(random.nextInt(86_400 * 30));
				List<Observation> left = randomObservations(random, asOf);
				List<Observation> right = randomObservations(random, asOf);
				List<Observation> union = new ArrayList<>(left);
				union.addAll(right);

				Map<Signal, SignalSums> sums = new EnumMap<>(TrustCalculator.sums(left, policy, asOf));
				TrustCalculator.sums(right, policy, asOf)
					.forEach((signal, s) -> sums.merge(signal, s, SignalSums::plus));

				assertSameScore(TrustCalculator.fromSums(sums, policy), TrustCalculator.score(union, policy, asOf));
			}
		}

		private void assertSameScore(TrustScore actual, TrustScore expected) {
			assertThat(actual.hasData()).isEqualTo(expected.hasData());
			assertThat(actual.band()).isEqualTo(expected.band());
			assertThat(actual.evidence()).isCloseTo(expected.evidence(), within(1e-9));
			if (expected.hasData()) {
				assertThat(actual.trust()).isCloseTo(expected.trust(), within(1e-9));
			}
			for (Signal signal : Signal.values()) {
				Double score = expected.signal(signal).score();
				if (score == null) {
					assertThat(actual.signal(signal).score()).isNull();
				}
				else {
					assertThat(actual.signal(signal).score()).isCloseTo(score, within(1e-9));
				}
			}
		}

		private ScoringPolicy randomPolicy(Random random) {
			Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
			for (Signal signal : Signal.values()) {
				weights.put(signal, random.nextInt(4) == 0 ? 0 : random.nextInt(101));
			}
			weights.put(Signal.values()[random.nextInt(5)], 1 + random.nextInt(100));
			int m = random.nextBoolean() ? 0 : random.nextInt(51);
			return policy(weights, 7 + random.nextInt(3644), m, 40, 70);
		}

		private List<Observation> randomObservations(Random random, Instant asOf) {
			List<Observation> observations = new ArrayList<>();
			int count = random.nextInt(8);
			for (int i = 0; i < count; i++) {
				// Up to two years back and a few days into the future, which must be
				// ignored.
				Instant at = asOf.minusSeconds(random.nextInt(86_400 * 730)).plusSeconds(random.nextInt(86_400 * 5));
				if (random.nextInt(3) == 0) {
					IncidentType type = IncidentType.values()[random.nextInt(IncidentType.values().length)];
					observations.add(Observation.incident(type, random.nextInt(11), at));
				}
				else {
					observations.add(Observation.rating(Signal.values()[random.nextInt(5)], 1 + random.nextInt(5), at));
				}
			}
			return observations;
		}

	}

	@Nested
	class Explaining {

		private final List<ExplainedInput> inputs = inputs();

		@Test
		void explainsTheSameScoreAsTheCalculator() {
			Explanation explanation = TrustCalculator.explain(inputs, DEFAULTS, T);

			assertThat(explanation.score())
				.isEqualTo(TrustCalculator.score(observations(EXAMPLE, DEFAULTS), DEFAULTS, T));
			assertThat(explanation.signal(TRANSPARENCY).score()).isCloseTo(51.565864, EXACT);
		}

		@Test
		void sharesOfObservationsAndPriorAddUpToOne() {
			Explanation explanation = TrustCalculator.explain(inputs, DEFAULTS, T);

			for (SignalExplanation signal : explanation.signals().values()) {
				double shares = signal.lines().stream().mapToDouble(Explanation.Line::share).sum();
				assertThat(shares + signal.priorShare()).isCloseTo(1.0, within(1e-12));
			}
			// Communication has no incident, a single 30-day-old rating: w / (w + m).
			double w = Math.pow(2, -30.0 / 90);
			assertThat(explanation.signal(COMMUNICATION).lines()).singleElement()
				.satisfies(line -> assertThat(line.share()).isCloseTo(w / (w + 2), within(1e-12)));
			assertThat(explanation.signal(COMMUNICATION).priorShare()).isCloseTo(2 / (w + 2), within(1e-12));
		}

		@Test
		void sharesWeightedPointsReproduceTheSignalScore() {
			Explanation explanation = TrustCalculator.explain(inputs, DEFAULTS, T);

			for (SignalExplanation signal : explanation.signals().values()) {
				double fromShares = signal.priorShare() * DEFAULTS.priorMean()
						+ signal.lines().stream().mapToDouble(line -> line.share() * line.points()).sum();
				assertThat(fromShares).isCloseTo(signal.score(), within(1e-9));
			}
		}

		@Test
		void linesLinkTheirFeedbackNewestFirst() {
			Explanation explanation = TrustCalculator.explain(inputs, DEFAULTS, T);

			assertThat(explanation.signal(TRANSPARENCY).lines())
				.extracting(Explanation.Line::feedbackId, Explanation.Line::rating, Explanation.Line::points)
				.containsExactly(tuple(2L, 2, 25.0), tuple(1L, 5, 100.0));
			assertThat(explanation.signal(CONSISTENCY).lines()).singleElement().satisfies(line -> {
				assertThat(line.incident()).isEqualTo(BROKEN_PROMISE);
				assertThat(line.rating()).isNull();
				assertThat(line.currentWeight()).isCloseTo(3 * Math.pow(2, -30.0 / 90), within(1e-12));
			});
		}

		@Test
		void leavesFutureObservationsOut() {
			List<ExplainedInput> withFuture = new ArrayList<>(inputs);
			withFuture.add(ExplainedInput.rating(4, QUALITY, 1, T.plusSeconds(1)));

			Explanation explanation = TrustCalculator.explain(withFuture, DEFAULTS, T);

			assertThat(explanation.signal(QUALITY).lines()).extracting(Explanation.Line::feedbackId)
				.containsExactly(3L, 1L);
		}

		@Test
		void noDataHasNoSharesAndNoLines() {
			Explanation explanation = TrustCalculator.explain(List.of(), DEFAULTS, T);

			assertThat(explanation.score().hasData()).isFalse();
			assertThat(explanation.signals().values()).allSatisfy(signal -> {
				assertThat(signal.score()).isNull();
				assertThat(signal.priorShare()).isZero();
				assertThat(signal.lines()).isEmpty();
			});
		}

		private static List<ExplainedInput> inputs() {
			List<ExplainedInput> inputs = new ArrayList<>();
			for (int i = 0; i < EXAMPLE.size(); i++) {
				inputs.addAll(ExplainedInput.of(i + 1, EXAMPLE.get(i), DEFAULTS));
			}
			return inputs;
		}

	}

	private static List<Observation> observations(List<FeedbackFacts> feedback, ScoringPolicy policy) {
		return feedback.stream().flatMap(facts -> facts.observations(policy).stream()).toList();
	}

	private static Map<Signal, Integer> weights(int transparency, int consistency, int communication, int quality,
			int values) {
		Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
		weights.put(TRANSPARENCY, transparency);
		weights.put(CONSISTENCY, consistency);
		weights.put(COMMUNICATION, communication);
		weights.put(QUALITY, quality);
		weights.put(VALUES, values);
		return weights;
	}

	private static ScoringPolicy policy(Map<Signal, Integer> weights, double halfLifeDays, double priorStrength,
			double lowThreshold, double highThreshold) {
		ScoringPolicy d = ScoringPolicy.defaults();
		return new ScoringPolicy(weights, halfLifeDays, priorStrength, d.priorMean(), d.severities(), lowThreshold,
				highThreshold, d.riskWindowDays(), d.atRiskCount(), d.acknowledgeWithinHours());
	}

	private static CustomerStatus statusOf(List<FeedbackFacts> feedback) {
		return CustomerStatus.of(TrustCalculator.negativeCount(feedback, DEFAULTS, T), DEFAULTS);
	}

}
