package io.shinrai.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * Why a customer's trust is what it is: per signal, the observations behind its score as
 * of T with their current weight and share. A signal's line shares plus its
 * {@code priorShare} add up to 1 whenever it has a score.
 */
public record Explanation(TrustScore score, Map<Signal, SignalExplanation> signals) {

	public Explanation {
		Map<Signal, SignalExplanation> copy = new EnumMap<>(Signal.class);
		copy.putAll(signals);
		signals = Collections.unmodifiableMap(copy);
	}

	public SignalExplanation signal(Signal signal) {
		return signals.get(signal);
	}

	/**
	 * One signal: {@code priorShare} = m / (Σ w + m) is how much of its score is the
	 * prior mean. Shares are 0 when the signal has no score. Lines are newest first.
	 */
	public record SignalExplanation(Signal signal, Double score, double evidence, double priorShare, List<Line> lines) {

		public SignalExplanation {
			lines = List.copyOf(lines);
		}

	}

	/**
	 * One observation: exactly one of {@code rating} and {@code incident} is set.
	 * {@code share} = w / (Σ w + m).
	 */
	public record Line(long feedbackId, Instant at, Integer rating, IncidentType incident, double points,
			double currentWeight, double share) {
	}

	/**
	 * An observation together with where it came from, so that a page can show and link
	 * it.
	 */
	public record ExplainedInput(long feedbackId, Observation observation, Integer rating, IncidentType incident) {

		public ExplainedInput {
			Objects.requireNonNull(observation, "observation");
		}

		public static ExplainedInput rating(long feedbackId, Signal signal, int rating, Instant at) {
			return new ExplainedInput(feedbackId, Observation.rating(signal, rating, at), rating, null);
		}

		public static ExplainedInput incident(long feedbackId, IncidentType type, double severity, Instant at) {
			return new ExplainedInput(feedbackId, Observation.incident(type, severity, at), null, type);
		}

		/**
		 * The inputs of one feedback entry, in the same order as
		 * {@link FeedbackFacts#observations}.
		 */
		public static List<ExplainedInput> of(long feedbackId, FeedbackFacts facts, ScoringPolicy policy) {
			List<ExplainedInput> inputs = new ArrayList<>();
			facts.ratings().forEach((signal, r) -> inputs.add(rating(feedbackId, signal, r, facts.receivedAt())));
			for (IncidentType type : facts.incidents()) {
				inputs.add(incident(feedbackId, type, policy.severity(type), facts.receivedAt()));
			}
			return inputs;
		}

	}

}
