package io.shinrai.scoring;

import java.time.Instant;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * One piece of evidence on one signal: {@code points} 0–100 carried with undecayed weight
 * {@code baseWeight}.
 */
public record Observation(Signal signal, double points, double baseWeight, Instant at) {

	public Observation {
		Objects.requireNonNull(signal, "signal");
		Objects.requireNonNull(at, "at");
	}

	/**
	 * Points per rating step: a rating 1–5 scores 25·(r − 1), so 1 → 0, 3 → 50, 5 → 100.
	 */
	static final int POINTS_PER_STEP = 25;

	/** A rating 1–5 scores 25·(r − 1) points with base weight 1. */
	public static Observation rating(Signal signal, int rating, Instant at) {
		if (rating < 1 || rating > 5) {
			throw new IllegalArgumentException("rating must be 1–5, was " + rating);
		}
		return new Observation(signal, (double) POINTS_PER_STEP * (rating - 1), 1, at);
	}

	/**
	 * An incident scores 0 points on its signal; its severity is how much that zero
	 * weighs.
	 */
	public static Observation incident(IncidentType type, double severity, Instant at) {
		return new Observation(type.signal(), 0, severity, at);
	}

}
