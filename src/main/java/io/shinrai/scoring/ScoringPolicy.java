package io.shinrai.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

import static io.shinrai.scoring.PolicyField.ACKNOWLEDGE_WITHIN_HOURS;
import static io.shinrai.scoring.PolicyField.AT_RISK_COUNT;
import static io.shinrai.scoring.PolicyField.HALF_LIFE_DAYS;
import static io.shinrai.scoring.PolicyField.HIGH_THRESHOLD;
import static io.shinrai.scoring.PolicyField.LOW_THRESHOLD;
import static io.shinrai.scoring.PolicyField.PRIOR_MEAN;
import static io.shinrai.scoring.PolicyField.PRIOR_STRENGTH;
import static io.shinrai.scoring.PolicyField.RISK_WINDOW_DAYS;

/**
 * One version of the scoring policy, every field of the policy table in docs/scoring.md:
 * the weights, the severities and the single-valued fields defined by
 * {@link PolicyField}. Ranges are checked where admins edit a policy; this record only
 * insists that every signal, incident type and field has a value, so that a forgotten
 * entry fails loudly instead of silently scoring as 0.
 */
public record ScoringPolicy(Map<Signal, Integer> weights, Map<IncidentType, Integer> severities,
		Map<PolicyField, Double> values) {

	public ScoringPolicy {
		weights = complete(Signal.class, weights, "weights");
		severities = complete(IncidentType.class, severities, "severities");
		values = complete(PolicyField.class, values, "values");
	}

	/**
	 * A policy from the fields the scoring math reads by name; any other field takes its
	 * default.
	 */
	public ScoringPolicy(Map<Signal, Integer> weights, double halfLifeDays, double priorStrength, double priorMean,
			Map<IncidentType, Integer> severities, double lowThreshold, double highThreshold, int riskWindowDays,
			int atRiskCount, int acknowledgeWithinHours) {
		this(weights, severities,
				PolicyField.complete(Map.of(HALF_LIFE_DAYS, halfLifeDays, PRIOR_STRENGTH, priorStrength, PRIOR_MEAN,
						priorMean, LOW_THRESHOLD, lowThreshold, HIGH_THRESHOLD, highThreshold, RISK_WINDOW_DAYS,
						(double) riskWindowDays, AT_RISK_COUNT, (double) atRiskCount, ACKNOWLEDGE_WITHIN_HOURS,
						(double) acknowledgeWithinHours)));
	}

	public static ScoringPolicy defaults() {
		Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			weights.put(signal, PolicyField.DEFAULT_WEIGHT);
		}
		Map<IncidentType, Integer> severities = new EnumMap<>(IncidentType.class);
		for (IncidentType type : IncidentType.values()) {
			severities.put(type, type.defaultSeverity());
		}
		return new ScoringPolicy(weights, severities, PolicyField.complete(Map.of()));
	}

	public int weight(Signal signal) {
		return weights.get(signal);
	}

	public int severity(IncidentType type) {
		return severities.get(type);
	}

	public double value(PolicyField field) {
		return values.get(field);
	}

	public double halfLifeDays() {
		return value(HALF_LIFE_DAYS);
	}

	public double priorStrength() {
		return value(PRIOR_STRENGTH);
	}

	public double priorMean() {
		return value(PRIOR_MEAN);
	}

	public double lowThreshold() {
		return value(LOW_THRESHOLD);
	}

	public double highThreshold() {
		return value(HIGH_THRESHOLD);
	}

	public int riskWindowDays() {
		return (int) value(RISK_WINDOW_DAYS);
	}

	public int atRiskCount() {
		return (int) value(AT_RISK_COUNT);
	}

	public int acknowledgeWithinHours() {
		return (int) value(ACKNOWLEDGE_WITHIN_HOURS);
	}

	private static <K extends Enum<K>, V> Map<K, V> complete(Class<K> type, Map<K, V> values, String name) {
		Objects.requireNonNull(values, name);
		Map<K, V> copy = new EnumMap<>(type);
		for (K key : type.getEnumConstants()) {
			copy.put(key, Objects.requireNonNull(values.get(key), () -> name + " lacks " + key));
		}
		return Collections.unmodifiableMap(copy);
	}

}
