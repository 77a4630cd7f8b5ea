package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.List;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The allowed range of every policy field ({@link PolicyField}), checked before a version
 * is activated.
 */
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
			range(errors, "weights." + signal.key(), "weights", weight, PolicyField.WEIGHT);
			anyWeight |= weight > 0;
		}
		if (!anyWeight) {
			errors.add(error("weights", "weightsAllZero"));
		}
		for (IncidentType type : IncidentType.values()) {
			range(errors, "severities." + type.name(), "severities", draft.severity(type), PolicyField.SEVERITY);
		}
		for (PolicyField field : PolicyField.values()) {
			double value = draft.value(field);
			if (!field.range().contains(value) || (field.whole() && value != Math.rint(value))) {
				errors.add(rangeError(field.key(), field.invalidKey(), field.range()));
			}
		}
		boolean thresholdsInRange = errors.stream()
			.map(PolicyFieldError::field)
			.noneMatch(f -> f.equals(PolicyField.LOW_THRESHOLD.key()) || f.equals(PolicyField.HIGH_THRESHOLD.key()));
		if (thresholdsInRange && !(draft.lowThreshold() < draft.highThreshold())) {
			errors.add(error(PolicyField.HIGH_THRESHOLD.key(), "thresholdOrder"));
		}
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

	private static void range(List<PolicyFieldError> errors, String field, String key, int value,
			PolicyField.Range range) {
		if (!range.contains(value)) {
			errors.add(rangeError(field, PREFIX + key, range));
		}
	}

	private static PolicyFieldError rangeError(String field, String messageKey, PolicyField.Range range) {
		return new PolicyFieldError(field, messageKey, List.of(range.min(), range.max()));
	}

	private static PolicyFieldError error(String field, String key, Object... args) {
		return new PolicyFieldError(field, PREFIX + key, List.of(args));
	}

}
