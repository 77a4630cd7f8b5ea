package io.shinrai.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * One version of the scoring policy, every field of the policy table in docs/scoring.md. Ranges are checked where
 * admins edit a policy; this record only insists that every signal and incident type has a value, so that a
 * forgotten entry fails loudly instead of silently scoring as 0.
 */
public record ScoringPolicy(Map<Signal, Integer> weights, double halfLifeDays, double priorStrength,
		double priorMean, Map<IncidentType, Integer> severities, double lowThreshold, double highThreshold,
		int riskWindowDays, int atRiskCount, int acknowledgeWithinHours) {

	public ScoringPolicy {
		weights = complete(Signal.class, weights, "weights");
		severities = complete(IncidentType.class, severities, "severities");
	}

	public static ScoringPolicy defaults() {
		Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			weights.put(signal, 20);
		}
		Map<IncidentType, Integer> severities = new EnumMap<>(IncidentType.class);
		for (IncidentType type : IncidentType.values()) {
			severities.put(type, type.defaultSeverity());
		}
		return new ScoringPolicy(weights, 90, 2, 50, severities, 40, 70, 90, 2, 24);
	}

	public int weight(Signal signal) {
		return weights.get(signal);
	}

	public int severity(IncidentType type) {
		return severities.get(type);
	}

	private static <K extends Enum<K>> Map<K, Integer> complete(Class<K> type, Map<K, Integer> values, String name) {
		Objects.requireNonNull(values, name);
		Map<K, Integer> copy = new EnumMap<>(type);
		for (K key : type.getEnumConstants()) {
			copy.put(key, Objects.requireNonNull(values.get(key), () -> name + " lacks " + key));
		}
		return Collections.unmodifiableMap(copy);
	}

}
