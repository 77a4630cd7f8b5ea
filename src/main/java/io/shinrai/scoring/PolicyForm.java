package io.shinrai.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The admin's scoring policy form: every field of the policy, the version the admin started from and the reason.
 * Decimal fields are {@link BigDecimal} so that 90 shows as "90", not "90.0", and a wrong value is shown back as
 * typed. Ranges are checked by {@link PolicyValidation}, the same rules as the API's.
 */
public class PolicyForm {

	private Map<Signal, Integer> weights = new EnumMap<>(Signal.class);

	private BigDecimal halfLifeDays;

	private BigDecimal priorStrength;

	private BigDecimal priorMean;

	private Map<IncidentType, Integer> severities = new EnumMap<>(IncidentType.class);

	private BigDecimal lowThreshold;

	private BigDecimal highThreshold;

	private Integer riskWindowDays;

	private Integer atRiskCount;

	private Integer acknowledgeWithinHours;

	private Integer basedOnVersion;

	private String reason;

	static PolicyForm of(ScoringPolicy policy, int version) {
		PolicyForm form = new PolicyForm();
		form.weights.putAll(policy.weights());
		form.halfLifeDays = decimal(policy.halfLifeDays());
		form.priorStrength = decimal(policy.priorStrength());
		form.priorMean = decimal(policy.priorMean());
		form.severities.putAll(policy.severities());
		form.lowThreshold = decimal(policy.lowThreshold());
		form.highThreshold = decimal(policy.highThreshold());
		form.riskWindowDays = policy.riskWindowDays();
		form.atRiskCount = policy.atRiskCount();
		form.acknowledgeWithinHours = policy.acknowledgeWithinHours();
		form.basedOnVersion = version;
		return form;
	}

	/** The form's names of the fields that are empty (a map entry is {@code weights[QUALITY]}). */
	List<String> missingFields() {
		List<String> missing = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			if (weights.get(signal) == null) {
				missing.add("weights[" + signal.name() + "]");
			}
		}
		for (IncidentType type : IncidentType.values()) {
			if (severities.get(type) == null) {
				missing.add("severities[" + type.name() + "]");
			}
		}
		Map<String, Object> scalars = new LinkedHashMap<>();
		scalars.put("halfLifeDays", halfLifeDays);
		scalars.put("priorStrength", priorStrength);
		scalars.put("priorMean", priorMean);
		scalars.put("lowThreshold", lowThreshold);
		scalars.put("highThreshold", highThreshold);
		scalars.put("riskWindowDays", riskWindowDays);
		scalars.put("atRiskCount", atRiskCount);
		scalars.put("acknowledgeWithinHours", acknowledgeWithinHours);
		scalars.forEach((name, value) -> {
			if (value == null) {
				missing.add(name);
			}
		});
		return missing;
	}

	/** The draft, taking what is empty or was not a number from {@code fallback}. */
	ScoringPolicy toPolicy(ScoringPolicy fallback) {
		Map<Signal, Integer> w = new EnumMap<>(fallback.weights());
		weights.forEach((signal, weight) -> {
			if (weight != null) {
				w.put(signal, weight);
			}
		});
		Map<IncidentType, Integer> s = new EnumMap<>(fallback.severities());
		severities.forEach((type, severity) -> {
			if (severity != null) {
				s.put(type, severity);
			}
		});
		return new ScoringPolicy(w, or(halfLifeDays, fallback.halfLifeDays()),
				or(priorStrength, fallback.priorStrength()), or(priorMean, fallback.priorMean()), s,
				or(lowThreshold, fallback.lowThreshold()), or(highThreshold, fallback.highThreshold()),
				(riskWindowDays != null) ? riskWindowDays : fallback.riskWindowDays(),
				(atRiskCount != null) ? atRiskCount : fallback.atRiskCount(),
				(acknowledgeWithinHours != null) ? acknowledgeWithinHours : fallback.acknowledgeWithinHours());
	}

	private static double or(BigDecimal value, double fallback) {
		return (value != null) ? value.doubleValue() : fallback;
	}

	/**
	 * The form's name of a policy field as the scoring module names it: {@code weights.quality} is
	 * {@code weights[QUALITY]}, {@code severities.BROKEN_PROMISE} is {@code severities[BROKEN_PROMISE]}.
	 */
	static String formField(String policyField) {
		if (policyField.startsWith("weights.")) {
			return "weights[" + Signal.fromKey(policyField.substring("weights.".length())).name() + "]";
		}
		if (policyField.startsWith("severities.")) {
			return "severities[" + policyField.substring("severities.".length()) + "]";
		}
		return policyField;
	}

	private static BigDecimal decimal(double value) {
		BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
		return decimal.scale() < 0 ? decimal.setScale(0) : decimal;
	}

	public Map<Signal, Integer> getWeights() {
		return weights;
	}

	public void setWeights(Map<Signal, Integer> weights) {
		this.weights = weights;
	}

	public BigDecimal getHalfLifeDays() {
		return halfLifeDays;
	}

	public void setHalfLifeDays(BigDecimal halfLifeDays) {
		this.halfLifeDays = halfLifeDays;
	}

	public BigDecimal getPriorStrength() {
		return priorStrength;
	}

	public void setPriorStrength(BigDecimal priorStrength) {
		this.priorStrength = priorStrength;
	}

	public BigDecimal getPriorMean() {
		return priorMean;
	}

	public void setPriorMean(BigDecimal priorMean) {
		this.priorMean = priorMean;
	}

	public Map<IncidentType, Integer> getSeverities() {
		return severities;
	}

	public void setSeverities(Map<IncidentType, Integer> severities) {
		this.severities = severities;
	}

	public BigDecimal getLowThreshold() {
		return lowThreshold;
	}

	public void setLowThreshold(BigDecimal lowThreshold) {
		this.lowThreshold = lowThreshold;
	}

	public BigDecimal getHighThreshold() {
		return highThreshold;
	}

	public void setHighThreshold(BigDecimal highThreshold) {
		this.highThreshold = highThreshold;
	}

	public Integer getRiskWindowDays() {
		return riskWindowDays;
	}

	public void setRiskWindowDays(Integer riskWindowDays) {
		this.riskWindowDays = riskWindowDays;
	}

	public Integer getAtRiskCount() {
		return atRiskCount;
	}

	public void setAtRiskCount(Integer atRiskCount) {
		this.atRiskCount = atRiskCount;
	}

	public Integer getAcknowledgeWithinHours() {
		return acknowledgeWithinHours;
	}

	public void setAcknowledgeWithinHours(Integer acknowledgeWithinHours) {
		this.acknowledgeWithinHours = acknowledgeWithinHours;
	}

	public Integer getBasedOnVersion() {
		return basedOnVersion;
	}

	public void setBasedOnVersion(Integer basedOnVersion) {
		this.basedOnVersion = basedOnVersion;
	}

	public String getReason() {
		return reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

}
