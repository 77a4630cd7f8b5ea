package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Signal;

/**
 * The reference implementation of docs/scoring.md: pure functions of (observations,
 * policy, T). Any faster path is tested against it.
 */
public final class TrustCalculator {

	private static final double SECONDS_PER_DAY = 86_400.0;

	private TrustCalculator() {
	}

	public static TrustScore score(Collection<Observation> observations, ScoringPolicy policy, Instant asOf) {
		return fromSums(sums(observations, policy, asOf), policy);
	}

	/**
	 * Σ w·p and Σ w per signal (all five present) of the observations at or before
	 * {@code asOf}.
	 */
	public static Map<Signal, SignalSums> sums(Collection<Observation> observations, ScoringPolicy policy,
			Instant asOf) {
		Map<Signal, SignalSums> sums = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			sums.put(signal, SignalSums.ZERO);
		}
		for (Observation observation : observations) {
			if (!observation.at().isAfter(asOf)) {
				double w = currentWeight(observation, policy, asOf);
				sums.merge(observation.signal(), SignalSums.ZERO.plus(observation.points(), w), SignalSums::plus);
			}
		}
		return sums;
	}

	/**
	 * w = b · 2^(−a/H) with the age a in real days; only meaningful for observations at
	 * or before {@code asOf}.
	 */
	public static double currentWeight(Observation observation, ScoringPolicy policy, Instant asOf) {
		Duration age = Duration.between(observation.at(), asOf);
		double ageDays = (age.getSeconds() + age.getNano() / 1e9) / SECONDS_PER_DAY;
		return observation.baseWeight() * Math.pow(2, -ageDays / policy.halfLifeDays());
	}

	/**
	 * Scores a scope from its per-signal sums (missing signals count as no observations).
	 * Knows nothing about observations, so sums maintained elsewhere score identically.
	 */
	public static TrustScore fromSums(Map<Signal, SignalSums> sums, ScoringPolicy policy) {
		double m = policy.priorStrength();
		double evidence = 0;
		for (Signal signal : Signal.values()) {
			evidence += sums.getOrDefault(signal, SignalSums.ZERO).weight();
		}
		Map<Signal, SignalScore> signals = new EnumMap<>(Signal.class);
		double weightedScores = 0;
		double weights = 0;
		for (Signal signal : Signal.values()) {
			SignalSums s = sums.getOrDefault(signal, SignalSums.ZERO);
			// No data at all is no score, never μ; with m = 0 an unobserved signal has
			// nothing to stand on.
			boolean scored = evidence > 0 && (s.weight() > 0 || m > 0);
			Double score = scored ? (s.weightedPoints() + m * policy.priorMean()) / (s.weight() + m) : null;
			signals.put(signal, new SignalScore(signal, score, s.weight()));
			if (scored) {
				weightedScores += policy.weight(signal) * score;
				weights += policy.weight(signal);
			}
		}
		// Only reachable with m = 0 when every signal that has a score weighs 0: an
		// average of nothing.
		Double trust = (weights > 0) ? weightedScores / weights : null;
		Band band = (trust != null) ? Band.of(trust, policy) : null;
		return new TrustScore(trust, band, evidence, signals);
	}

	/**
	 * Negative entries with 0 ≤ T − t < riskWindowDays, measured between exact instants.
	 */
	public static long negativeCount(Collection<FeedbackFacts> feedback, ScoringPolicy policy, Instant asOf) {
		Duration window = Duration.ofDays(policy.riskWindowDays());
		return feedback.stream()
			.filter(FeedbackFacts::isNegative)
			.map(facts -> Duration.between(facts.receivedAt(), asOf))
			.filter(age -> !age.isNegative() && age.compareTo(window) < 0)
			.count();
	}

	public static Explanation explain(Collection<Explanation.ExplainedInput> inputs, ScoringPolicy policy,
			Instant asOf) {
		TrustScore score = score(inputs.stream().map(Explanation.ExplainedInput::observation).toList(), policy, asOf);
		double m = policy.priorStrength();
		Map<Signal, Explanation.SignalExplanation> signals = new EnumMap<>(Signal.class);
		for (SignalScore signalScore : score.signals().values()) {
			boolean scored = signalScore.hasScore();
			double denominator = signalScore.evidence() + m;
			List<Explanation.Line> lines = new ArrayList<>();
			for (Explanation.ExplainedInput input : inputs) {
				Observation observation = input.observation();
				if (observation.signal() != signalScore.signal() || observation.at().isAfter(asOf)) {
					continue;
				}
				double w = currentWeight(observation, policy, asOf);
				lines.add(new Explanation.Line(input.feedbackId(), observation.at(), input.rating(), input.incident(),
						observation.points(), w, scored ? w / denominator : 0));
			}
			lines.sort(Comparator.comparing(Explanation.Line::at).reversed());
			signals.put(signalScore.signal(), new Explanation.SignalExplanation(signalScore.signal(),
					signalScore.score(), signalScore.evidence(), scored ? m / denominator : 0, lines));
		}
		return new Explanation(score, signals);
	}

}
