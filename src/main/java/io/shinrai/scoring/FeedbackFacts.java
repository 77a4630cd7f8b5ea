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
 * One feedback entry reduced to what scoring needs. {@code nps}, {@code csat} and {@code ces} are {@code null}
 * when the customer did not answer; {@code null} ratings or incidents are read as none.
 */
public record FeedbackFacts(Instant receivedAt, Map<Signal, Integer> ratings, List<IncidentType> incidents,
		Integer nps, Integer csat, Integer ces) {

	public FeedbackFacts {
		Objects.requireNonNull(receivedAt, "receivedAt");
		Map<Signal, Integer> copy = new EnumMap<>(Signal.class);
		if (ratings != null) {
			copy.putAll(ratings);
		}
		ratings = Collections.unmodifiableMap(copy);
		incidents = (incidents != null) ? List.copyOf(incidents) : List.of();
	}

	/** Ratings in signal order, then incidents weighted by the policy's (not the default) severity. */
	public List<Observation> observations(ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>(ratings.size() + incidents.size());
		ratings.forEach((signal, rating) -> observations.add(Observation.rating(signal, rating, receivedAt)));
		for (IncidentType type : incidents) {
			observations.add(Observation.incident(type, policy.severity(type), receivedAt));
		}
		return observations;
	}

	public boolean isNegative() {
		return !incidents.isEmpty() || ratingMeanAtMostTwo() || (nps != null && nps <= 6)
				|| (csat != null && csat <= 2) || (ces != null && ces <= 3);
	}

	// Compared in integers (sum ≤ 2·n) so that a mean of exactly 2.0 can never round the wrong way.
	private boolean ratingMeanAtMostTwo() {
		int sum = ratings.values().stream().mapToInt(Integer::intValue).sum();
		return !ratings.isEmpty() && sum <= 2 * ratings.size();
	}

}
