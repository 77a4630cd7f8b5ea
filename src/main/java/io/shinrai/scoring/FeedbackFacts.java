package io.shinrai.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Negativity;
import io.shinrai.feedback.Signal;

/**
 * One feedback entry reduced to what scoring needs. {@code nps}, {@code csat} and
 * {@code ces} are {@code null} when the customer did not answer; {@code null} ratings or
 * incidents are read as none.
 */
public record FeedbackFacts(Instant receivedAt, Map<Signal, Integer> ratings, List<IncidentType> incidents, Integer nps,
		Integer csat, Integer ces) {

	public FeedbackFacts {
		Objects.requireNonNull(receivedAt, "receivedAt");
		Map<Signal, Integer> copy = new EnumMap<>(Signal.class);
		if (ratings != null) {
			copy.putAll(ratings);
		}
		ratings = Collections.unmodifiableMap(copy);
		incidents = (incidents != null) ? List.copyOf(incidents) : List.of();
	}

	/**
	 * Ratings in signal order, then incidents weighted by the policy's (not the default)
	 * severity.
	 */
	public List<Observation> observations(ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>(ratings.size() + incidents.size());
		ratings.forEach((signal, rating) -> observations.add(Observation.rating(signal, rating, receivedAt)));
		for (IncidentType type : incidents) {
			observations.add(Observation.incident(type, policy.severity(type), receivedAt));
		}
		return observations;
	}

	/**
	 * The negative rule of docs/scoring.md; feedback owns it because it does not depend
	 * on the policy.
	 */
	public boolean isNegative() {
		return Negativity.isNegative(ratings.values(), incidents.size(), nps, csat, ces);
	}

}
