package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.List;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/** The allowed range of every policy field (docs/scoring.md), checked before a version is activated. */
final class PolicyValidation {

	static final int MAX_REASON_LENGTH = 1000;

	private static final String PREFIX = "scoring.policy.invalid.";

	private PolicyValidation() {
	}

	static List<PolicyFieldError> check(ScoringPolicy draft) {
		List<PolicyFieldError> errors = new ArrayList<>();
		boolean anyWeight = false;
		for (Signal signal : Signal.values()) {
			int weight = draft.weight(signal);
			if (weight < 0 || weight > 100) {
				errors.add(error("weights." + signal.key(), "weights", 0, 100));
			}
			anyWeight |= weight > 0;
		}
		if (!anyWeight) {
			errors.add(error("weights", "weightsAllZero"));
		}
		range(errors, "halfLifeDays", draft.halfLifeDays(), 7, 3650);
		range(errors, "priorStrength", draft.priorStrength(), 0, 50);
		range(errors, "priorMean", draft.priorMean(), 0, 100);
		for (IncidentType type : IncidentType.values()) {
			int severity = draft.severity(type);
			if (severity < 0 || severity > 10) {
				errors.add(error("severities." + type.name(), "severities", 0, 10));
			}
		}
		boolean low = range(errors, "lowThreshold", draft.lowThreshold(), 0, 100);
		boolean high = range(errors, "highThreshold", draft.highThreshold(), 0, 100);
		if (low && high && !(draft.lowThreshold() < draft.highThreshold())) {
			errors.add(error("highThreshold", "thresholdOrder"));
		}
		range(errors, "riskWindowDays", draft.riskWindowDays(), 7, 365);
		range(errors, "atRiskCount", draft.atRiskCount(), 1, 10);
		range(errors, "acknowledgeWithinHours", draft.acknowledgeWithinHours(), 1, 720);
		return errors;
	}

	static List<PolicyFieldError> checkReason(String reason) {
		if (reason == null || reason.isBlank()) {
			return List.of(error("reason", "reason"));
		}
		if (reason.strip().length() > MAX_REASON_LENGTH) {
			return List.of(error("reason", "reasonTooLong", MAX_REASON_LENGTH));
		}
		return List.of();
	}

	/** Adds an error unless {@code min ≤ value ≤ max} (NaN is outside every range); returns whether it was inside. */
	private static boolean range(List<PolicyFieldError> errors, String field, double value, int min, int max) {
		if (value >= min && value <= max) {
			return true;
		}
		errors.add(error(field, field, min, max));
		return false;
	}

	private static PolicyFieldError error(String field, String key, Object... args) {
		return new PolicyFieldError(field, PREFIX + key, List.of(args));
	}

}
