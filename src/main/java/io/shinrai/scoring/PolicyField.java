package io.shinrai.scoring;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The definition of every single-valued policy field: its name (in forms, the API, the
 * diff and the audit text), its column in {@code scoring_policy}, whether it is a whole
 * number, its allowed range, its default and the section of the policy page it is shown
 * in. Validation, the admin form and its hints, the API, the history's diff and the audit
 * text all read this list, so a new field is one constant here, a migration adding its
 * column and its messages ({@code policy.field.<name>}, {@code policy.help.<name>},
 * {@code scoring.policy.invalid.<name>}, {@code typeMismatch.policyForm.<name>}); see
 * docs/architecture.md. Weights and severities are maps keyed by signal and incident
 * type; their ranges are {@link #WEIGHT} and {@link #SEVERITY}.
 */
public enum PolicyField {

	HALF_LIFE_DAYS("halfLifeDays", "half_life_days", Section.DECAY, false, 7, 3650, 90),

	PRIOR_STRENGTH("priorStrength", "prior_strength", Section.DECAY, false, 0, 50, 2),

	PRIOR_MEAN("priorMean", "prior_mean", Section.DECAY, false, 0, 100, 50),

	LOW_THRESHOLD("lowThreshold", "low_threshold", Section.BANDS, false, 0, 100, 40),

	HIGH_THRESHOLD("highThreshold", "high_threshold", Section.BANDS, false, 0, 100, 70),

	RISK_WINDOW_DAYS("riskWindowDays", "risk_window_days", Section.STATUS, true, 7, 365, 90),

	AT_RISK_COUNT("atRiskCount", "at_risk_count", Section.STATUS, true, 1, 10, 2),

	ACKNOWLEDGE_WITHIN_HOURS("acknowledgeWithinHours", "acknowledge_within_hours", Section.STATUS, true, 1, 720, 24);

	/** The allowed range of every signal's weight (and the default weight). */
	public static final Range WEIGHT = new Range(0, 100);

	/**
	 * The allowed range of every incident type's severity (defaults:
	 * {@code IncidentType.defaultSeverity()}).
	 */
	public static final Range SEVERITY = new Range(0, 10);

	static final int DEFAULT_WEIGHT = 20;

	private static final String SEVERITIES_FIRST = "severities." + IncidentType.values()[0].name();

	private final String key;

	private final String column;

	private final Section section;

	private final boolean whole;

	private final Range range;

	private final double defaultValue;

	PolicyField(String key, String column, Section section, boolean whole, int min, int max, double defaultValue) {
		this.key = key;
		this.column = column;
		this.section = section;
		this.whole = whole;
		this.range = new Range(min, max);
		this.defaultValue = defaultValue;
	}

	/**
	 * The field's name in forms, the API, the diff and the audit text, e.g.
	 * {@code halfLifeDays}.
	 */
	public String key() {
		return key;
	}

	String column() {
		return column;
	}

	public Section section() {
		return section;
	}

	/** Whether only whole numbers are allowed. */
	public boolean whole() {
		return whole;
	}

	public Range range() {
		return range;
	}

	double defaultValue() {
		return defaultValue;
	}

	public String labelKey() {
		return "policy.field." + key;
	}

	public String helpKey() {
		return "policy.help." + key;
	}

	/** The message key of an out-of-range value; its arguments are the range's bounds. */
	String invalidKey() {
		return "scoring.policy.invalid." + key;
	}

	/** The fields shown in one section of the policy page, in order. */
	public static List<PolicyField> of(Section section) {
		return List.of(values()).stream().filter(field -> field.section == section).toList();
	}

	static PolicyField fromKey(String key) {
		for (PolicyField field : values()) {
			if (field.key.equals(key)) {
				return field;
			}
		}
		return null;
	}

	/** Every field's value, the defaults where {@code values} lacks one. */
	static Map<PolicyField, Double> complete(Map<PolicyField, Double> values) {
		Objects.requireNonNull(values, "values");
		Map<PolicyField, Double> all = new EnumMap<>(PolicyField.class);
		for (PolicyField field : values()) {
			all.put(field, values.getOrDefault(field, field.defaultValue));
		}
		return all;
	}

	/**
	 * Every value of {@code policy} by its name in field errors, the diff and the audit
	 * text, in the page's order: {@code weights.quality}, the decay fields,
	 * {@code severities.BROKEN_PROMISE}, then the other fields.
	 */
	static Map<String, Double> named(ScoringPolicy policy) {
		Map<String, Double> named = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			named.put("weights." + signal.key(), (double) policy.weight(signal));
		}
		for (PolicyField field : values()) {
			if (field.section != Section.DECAY && !named.containsKey(SEVERITIES_FIRST)) {
				for (IncidentType type : IncidentType.values()) {
					named.put("severities." + type.name(), (double) policy.severity(type));
				}
			}
			named.put(field.key, policy.value(field));
		}
		return named;
	}

	/**
	 * A value of {@link #named} as text: whole numbers without a fraction where only
	 * those are allowed.
	 */
	static String format(String name, double value) {
		PolicyField field = fromKey(name);
		return (field == null || field.whole) ? String.valueOf((long) value) : String.valueOf(value);
	}

	/** Where a field is shown on the policy page. */
	public enum Section {

		DECAY, BANDS, STATUS

	}

	/** An inclusive range of allowed values. */
	public record Range(int min, int max) {

		/** Whether {@code min ≤ value ≤ max} (NaN is outside every range). */
		boolean contains(double value) {
			return value >= min && value <= max;
		}

	}

}
