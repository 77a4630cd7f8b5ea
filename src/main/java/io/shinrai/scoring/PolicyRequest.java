package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The body of {@code POST /api/v1/scoring-policy}: the weights, the severities, every
 * {@link PolicyField}, the reason and the version the admin started from. Every field is
 * required; a missing, unknown or non-numeric one is a field error like an out-of-range
 * value.
 */
record PolicyRequest(Map<String, Object> body) {

	private static final String REQUIRED = "scoring.policy.invalid.required";

	private static final String UNKNOWN = "scoring.policy.invalid.unknown";

	String reason() {
		return (body.get("reason") instanceof String reason) ? reason : null;
	}

	Integer basedOnVersion() {
		return (body.get("basedOnVersion") instanceof Integer version) ? version : null;
	}

	/** The draft, or the fields that are missing, unknown or not numbers. */
	ScoringPolicy toPolicy() {
		List<PolicyFieldError> errors = new ArrayList<>();
		Map<Signal, Integer> weights = map(errors, "weights", Signal.class, PolicyRequest::signal, Signal::key);
		Map<IncidentType, Integer> severities = map(errors, "severities", IncidentType.class, PolicyRequest::incident,
				IncidentType::name);
		Map<PolicyField, Double> values = new EnumMap<>(PolicyField.class);
		for (PolicyField field : PolicyField.values()) {
			Object value = body.get(field.key());
			if (value instanceof Number number) {
				values.put(field, number.doubleValue());
			}
			else {
				errors.add((value == null) ? error(field.key(), REQUIRED, null)
						: error(field.key(), field.invalidKey(), field.range()));
			}
		}
		if (basedOnVersion() == null) {
			errors.add(error("basedOnVersion", REQUIRED, null));
		}
		if (!errors.isEmpty()) {
			errors.addAll(PolicyValidation.checkReason(reason()));
			throw new InvalidPolicyException(errors);
		}
		return new ScoringPolicy(weights, severities, values);
	}

	private <K extends Enum<K>> Map<K, Integer> map(List<PolicyFieldError> errors, String name, Class<K> type,
			Function<String, K> parse, Function<K, String> key) {
		Map<K, Integer> values = new EnumMap<>(type);
		if (!(body.get(name) instanceof Map<?, ?> entries)) {
			errors.add(error(name, REQUIRED, null));
			return values;
		}
		entries.forEach((entryKey, value) -> {
			K constant = parse.apply(String.valueOf(entryKey));
			if (constant == null) {
				errors.add(error(name + "." + entryKey, UNKNOWN, null));
			}
			else if (value instanceof Integer number) {
				values.put(constant, number);
			}
		});
		for (K constant : type.getEnumConstants()) {
			if (!values.containsKey(constant) && entries.get(key.apply(constant)) == null) {
				errors.add(error(name + "." + key.apply(constant), REQUIRED, null));
			}
			else if (!values.containsKey(constant)) {
				PolicyField.Range range = (type == Signal.class) ? PolicyField.WEIGHT : PolicyField.SEVERITY;
				errors.add(error(name + "." + key.apply(constant), "scoring.policy.invalid." + name, range));
			}
		}
		return values;
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

	private static PolicyFieldError error(String field, String key, PolicyField.Range range) {
		return new PolicyFieldError(field, key, (range == null) ? List.of() : List.of(range.min(), range.max()));
	}

}
