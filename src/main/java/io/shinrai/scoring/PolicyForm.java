package io.shinrai.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.validation.BindingResult;
import org.springframework.validation.MapBindingResult;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The admin's scoring policy form: the text of every input as typed, named as the page
 * names it (the weights {@code weights[QUALITY]}, the severities
 * {@code severities[BROKEN_PROMISE]}, every {@link PolicyField} by its key,
 * {@code basedOnVersion} and {@code reason}), with the field errors of the post. The
 * inputs come from the field definitions rather than from a property each, so a new
 * policy field needs no change here; a wrong value is shown back as typed, and 90 shows
 * as "90", not "90.0". Ranges are checked by {@link PolicyValidation}, the same rules as
 * the API's.
 */
final class PolicyForm {

	static final String NAME = "policyForm";

	private final Map<String, Object> inputs = new LinkedHashMap<>();

	private final MapBindingResult result = new MapBindingResult(inputs, NAME);

	private PolicyForm() {
	}

	static PolicyForm of(ScoringPolicy policy, int version) {
		PolicyForm form = new PolicyForm();
		policy.weights().forEach((signal, weight) -> form.inputs.put(weightName(signal), String.valueOf(weight)));
		policy.severities().forEach((type, severity) -> form.inputs.put(severityName(type), String.valueOf(severity)));
		for (PolicyField field : PolicyField.values()) {
			form.inputs.put(field.key(), decimal(policy.value(field)));
		}
		form.inputs.put("basedOnVersion", String.valueOf(version));
		return form;
	}

	/**
	 * The form as posted: the inputs it knows, as typed; anything else in the request is
	 * ignored.
	 */
	static PolicyForm read(Map<String, String> parameters) {
		PolicyForm empty = of(ScoringPolicy.defaults(), 0);
		PolicyForm form = new PolicyForm();
		for (String name : empty.inputs.keySet()) {
			form.inputs.put(name, parameters.get(name));
		}
		form.inputs.put("reason", parameters.get("reason"));
		return form;
	}

	/** The inputs by name, the object the page's {@code th:field}s read. */
	Map<String, Object> inputs() {
		return inputs;
	}

	BindingResult result() {
		return result;
	}

	String reason() {
		return (String) inputs.get("reason");
	}

	/**
	 * The version the admin started from; {@code null} (with a field error) when missing
	 * or not a number.
	 */
	Integer basedOnVersion() {
		String text = text("basedOnVersion");
		if (text == null) {
			result.rejectValue("basedOnVersion", "policy.basedOnVersion.missing");
			return null;
		}
		try {
			return Integer.valueOf(text);
		}
		catch (NumberFormatException ex) {
			result.rejectValue("basedOnVersion", "typeMismatch");
			return null;
		}
	}

	void setBasedOnVersion(int version) {
		inputs.put("basedOnVersion", String.valueOf(version));
	}

	/**
	 * The draft as entered, with the missing and unreadable inputs reported as field
	 * errors and taken from {@code fallback}, so the rules can still check every other
	 * field and give each only its own message.
	 */
	ScoringPolicy toPolicy(ScoringPolicy fallback) {
		Map<Signal, Integer> weights = new EnumMap<>(fallback.weights());
		weights.replaceAll((signal, weight) -> whole(weightName(signal), weight));
		Map<IncidentType, Integer> severities = new EnumMap<>(fallback.severities());
		severities.replaceAll((type, severity) -> whole(severityName(type), severity));
		Map<PolicyField, Double> values = new EnumMap<>(fallback.values());
		values.replaceAll(
				(field, value) -> field.whole() ? whole(field.key(), value.intValue()) : decimal(field.key(), value));
		return new ScoringPolicy(weights, severities, values);
	}

	/**
	 * The form's name of a policy field as the scoring module names it:
	 * {@code weights.quality} is {@code weights[QUALITY]},
	 * {@code severities.BROKEN_PROMISE} is {@code severities[BROKEN_PROMISE]}.
	 */
	static String formField(String policyField) {
		if (policyField.startsWith("weights.")) {
			return weightName(Signal.fromKey(policyField.substring("weights.".length())));
		}
		if (policyField.startsWith("severities.")) {
			return "severities[" + policyField.substring("severities.".length()) + "]";
		}
		return policyField;
	}

	private static String weightName(Signal signal) {
		return "weights[" + signal.name() + "]";
	}

	private static String severityName(IncidentType type) {
		return "severities[" + type.name() + "]";
	}

	private int whole(String name, int fallback) {
		String text = text(name);
		try {
			return (text != null) ? Integer.parseInt(text) : missing(name, fallback);
		}
		catch (NumberFormatException ex) {
			result.rejectValue(name, "typeMismatch");
			return fallback;
		}
	}

	private double decimal(String name, double fallback) {
		String text = text(name);
		try {
			return (text != null) ? new BigDecimal(text).doubleValue() : missing(name, fallback);
		}
		catch (NumberFormatException ex) {
			result.rejectValue(name, "typeMismatch");
			return fallback;
		}
	}

	private <T> T missing(String name, T fallback) {
		result.rejectValue(name, "scoring.policy.invalid.required");
		return fallback;
	}

	/** The input's text without surrounding white space, {@code null} when empty. */
	private String text(String name) {
		Object value = inputs.get(name);
		String text = (value != null) ? value.toString().strip() : "";
		return text.isEmpty() ? null : text;
	}

	private static String decimal(double value) {
		BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
		return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
	}

}
