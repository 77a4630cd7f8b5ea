package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The body of {@code POST /api/v1/scoring-policy}: every policy field, the reason and the version the admin started
 * from. Every field is required; a missing or unknown one is a field error like an out-of-range value.
 */
record PolicyRequest(Map<String, Integer> weights, Double halfLifeDays, Double priorStrength, Double priorMean,
		Map<String, Integer> severities, Double lowThreshold, Double highThreshold, Integer riskWindowDays,
		Integer atRiskCount, Integer acknowledgeWithinHours, String reason, Integer basedOnVersion) {

	private static final String REQUIRED = "scoring.policy.invalid.required";

	private static final String UNKNOWN = "scoring.policy.invalid.unknown";

	/** The draft, or the fields that are missing or unknown. */
	ScoringPolicy toPolicy() {
		List<PolicyFieldError> errors = new ArrayList<>();
		Map<Signal, Integer> w = new EnumMap<>(Signal.class);
		if (weights == null) {
			errors.add(error("weights", REQUIRED));
		}
		else {
			for (Map.Entry<String, Integer> entry : weights.entrySet()) {
				Signal signal = signal(entry.getKey());
				if (signal == null) {
					errors.add(error("weights." + entry.getKey(), UNKNOWN));
				}
				else if (entry.getValue() != null) {
					w.put(signal, entry.getValue());
				}
			}
			for (Signal signal : Signal.values()) {
				if (!w.containsKey(signal)) {
					errors.add(error("weights." + signal.key(), REQUIRED));
				}
			}
		}
		Map<IncidentType, Integer> s = new EnumMap<>(IncidentType.class);
		if (severities == null) {
			errors.add(error("severities", REQUIRED));
		}
		else {
			for (Map.Entry<String, Integer> entry : severities.entrySet()) {
				IncidentType type = incident(entry.getKey());
				if (type == null) {
					errors.add(error("severities." + entry.getKey(), UNKNOWN));
				}
				else if (entry.getValue() != null) {
					s.put(type, entry.getValue());
				}
			}
			for (IncidentType type : IncidentType.values()) {
				if (!s.containsKey(type)) {
					errors.add(error("severities." + type.name(), REQUIRED));
				}
			}
		}
		required(errors, "halfLifeDays", halfLifeDays);
		required(errors, "priorStrength", priorStrength);
		required(errors, "priorMean", priorMean);
		required(errors, "lowThreshold", lowThreshold);
		required(errors, "highThreshold", highThreshold);
		required(errors, "riskWindowDays", riskWindowDays);
		required(errors, "atRiskCount", atRiskCount);
		required(errors, "acknowledgeWithinHours", acknowledgeWithinHours);
		required(errors, "basedOnVersion", basedOnVersion);
		if (!errors.isEmpty()) {
			errors.addAll(PolicyValidation.checkReason(reason));
			throw new InvalidPolicyException(errors);
		}
		return new ScoringPolicy(w, halfLifeDays, priorStrength, priorMean, s, lowThreshold, highThreshold,
				riskWindowDays, atRiskCount, acknowledgeWithinHours);
	}

	private static Signal signal(String key) {
		for (Signal signal : Signal.values()) {
			if (signal.key().equals(key)) {
				return signal;
			}
		}
		return null;
	}

	private static IncidentType incident(String key) {
		for (IncidentType type : IncidentType.values()) {
			if (type.name().equals(key)) {
				return type;
			}
		}
		return null;
	}

	private static void required(List<PolicyFieldError> errors, String field, Object value) {
		if (value == null) {
			errors.add(error(field, REQUIRED));
		}
	}

	private static PolicyFieldError error(String field, String key) {
		return new PolicyFieldError(field, key, List.of());
	}

}
