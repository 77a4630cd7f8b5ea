package io.shinrai.scoring;

import static io.shinrai.feedback.IncidentType.BROKEN_PROMISE;
import static io.shinrai.feedback.IncidentType.DATA_MISUSE;
import static io.shinrai.feedback.Signal.CONSISTENCY;
import static io.shinrai.feedback.Signal.QUALITY;
import static io.shinrai.feedback.Signal.TRANSPARENCY;
import static io.shinrai.feedback.Signal.VALUES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

class FeedbackFactsTests {

	private static final Instant AT = Instant.parse("2026-05-31T00:00:00Z");

	@Test
	void turnsRatingsIntoPointsWithBaseWeightOne() {
		FeedbackFacts facts = new FeedbackFacts(AT, Map.of(QUALITY, 1, TRANSPARENCY, 3, VALUES, 5), null, null, null,
				null);

		assertThat(facts.observations(ScoringPolicy.defaults())).containsExactly(
				new Observation(TRANSPARENCY, 50, 1, AT), new Observation(QUALITY, 0, 1, AT),
				new Observation(VALUES, 100, 1, AT));
	}

	@Test
	void weighsIncidentsWithThePolicySeverityNotTheDefault() {
		Map<IncidentType, Integer> severities = new EnumMap<>(ScoringPolicy.defaults().severities());
		severities.put(BROKEN_PROMISE, 7);
		ScoringPolicy d = ScoringPolicy.defaults();
		ScoringPolicy policy = new ScoringPolicy(d.weights(), d.halfLifeDays(), d.priorStrength(), d.priorMean(),
				severities, d.lowThreshold(), d.highThreshold(), d.riskWindowDays(), d.atRiskCount(),
				d.acknowledgeWithinHours());
		FeedbackFacts facts = new FeedbackFacts(AT, Map.of(), List.of(BROKEN_PROMISE, DATA_MISUSE), null, null, null);

		assertThat(facts.observations(policy)).containsExactly(new Observation(CONSISTENCY, 0, 7, AT),
				new Observation(TRANSPARENCY, 0, 3, AT));
	}

	@Test
	void satisfactionAnswersAloneGiveNoObservations() {
		FeedbackFacts facts = new FeedbackFacts(AT, Map.of(), List.of(), 9, 5, 7);

		assertThat(facts.observations(ScoringPolicy.defaults())).isEmpty();
	}

	@Test
	void keepsItsOwnCopyOfRatingsAndIncidents() {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		ratings.put(QUALITY, 5);
		FeedbackFacts facts = new FeedbackFacts(AT, ratings, null, null, null, null);
		ratings.put(VALUES, 1);

		assertThat(facts.ratings()).containsOnlyKeys(QUALITY);
		assertThat(facts.incidents()).isEmpty();
	}

	@Test
	void positiveEntryIsNotNegative() {
		assertThat(new FeedbackFacts(AT, Map.of(QUALITY, 5, VALUES, 4), List.of(), 10, 5, 7).isNegative()).isFalse();
		assertThat(new FeedbackFacts(AT, Map.of(), List.of(), null, null, null).isNegative()).isFalse();
	}

	@Nested
	class NegativeRule {

		@Test
		void anyIncidentIsNegative() {
			assertThat(facts(Map.of(QUALITY, 5), List.of(IncidentType.UNFAIR_PRICING), 10, 5, 7).isNegative()).isTrue();
		}

		@Test
		void ratingMeanOfExactlyTwoIsNegative() {
			assertThat(ratings(Map.of(QUALITY, 1, VALUES, 3)).isNegative()).isTrue();
			assertThat(ratings(Map.of(QUALITY, 2)).isNegative()).isTrue();
		}

		@Test
		void ratingMeanAboveTwoIsNotNegative() {
			assertThat(ratings(Map.of(QUALITY, 2, VALUES, 3)).isNegative()).isFalse();
			assertThat(ratings(Map.of(QUALITY, 1, VALUES, 3, TRANSPARENCY, 3)).isNegative()).isFalse();
		}

		@Test
		void npsOfSixIsNegativeAndSevenIsNot() {
			assertThat(facts(Map.of(), List.of(), 6, null, null).isNegative()).isTrue();
			assertThat(facts(Map.of(), List.of(), 0, null, null).isNegative()).isTrue();
			assertThat(facts(Map.of(), List.of(), 7, null, null).isNegative()).isFalse();
		}

		@Test
		void csatOfTwoIsNegativeAndThreeIsNot() {
			assertThat(facts(Map.of(), List.of(), null, 2, null).isNegative()).isTrue();
			assertThat(facts(Map.of(), List.of(), null, 3, null).isNegative()).isFalse();
		}

		@Test
		void cesOfThreeIsNegativeAndFourIsNot() {
			assertThat(facts(Map.of(), List.of(), null, null, 3).isNegative()).isTrue();
			assertThat(facts(Map.of(), List.of(), null, null, 4).isNegative()).isFalse();
		}

		@Test
		void oneNegativeClauseOutweighsGoodAnswers() {
			assertThat(facts(Map.of(QUALITY, 5), List.of(), 10, 5, 3).isNegative()).isTrue();
		}

		private FeedbackFacts ratings(Map<Signal, Integer> ratings) {
			return facts(ratings, List.of(), null, null, null);
		}

		private FeedbackFacts facts(Map<Signal, Integer> ratings, List<IncidentType> incidents, Integer nps,
				Integer csat, Integer ces) {
			return new FeedbackFacts(AT, ratings, incidents, nps, csat, ces);
		}

	}

	@Nested
	class Invalid {

		@Test
		void rejectsRatingOutsideOneToFive() {
			FeedbackFacts facts = new FeedbackFacts(AT, Map.of(QUALITY, 6), List.of(), null, null, null);

			assertThatIllegalArgumentException().isThrownBy(() -> facts.observations(ScoringPolicy.defaults()));
			assertThatIllegalArgumentException().isThrownBy(() -> Observation.rating(QUALITY, 0, AT));
		}

		@Test
		void rejectsMissingReceivedAt() {
			assertThatNullPointerException()
				.isThrownBy(() -> new FeedbackFacts(null, Map.of(QUALITY, 5), List.of(), null, null, null));
		}

		@Test
		void rejectsPolicyLackingAWeight() {
			ScoringPolicy d = ScoringPolicy.defaults();

			assertThatNullPointerException()
				.isThrownBy(() -> new ScoringPolicy(Map.of(QUALITY, 20), d.halfLifeDays(), d.priorStrength(),
						d.priorMean(), d.severities(), d.lowThreshold(), d.highThreshold(), d.riskWindowDays(),
						d.atRiskCount(), d.acknowledgeWithinHours()))
				.withMessageContaining("TRANSPARENCY");
		}

	}

}
