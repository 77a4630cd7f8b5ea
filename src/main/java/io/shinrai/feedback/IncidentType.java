package io.shinrai.feedback;

/**
 * Trust-damaging behaviours a customer experienced. Each belongs to one signal; its
 * default severity is the one the first scoring policy version uses (admins may change
 * severities per policy version).
 */
public enum IncidentType {

	MISLEADING_CLAIM(Signal.TRANSPARENCY, 2), HIDDEN_INFORMATION(Signal.TRANSPARENCY, 2),
	HIDDEN_FEES(Signal.TRANSPARENCY, 2), UNFAIR_PRICING(Signal.TRANSPARENCY, 1), DATA_MISUSE(Signal.TRANSPARENCY, 3),
	BROKEN_PROMISE(Signal.CONSISTENCY, 3), INCONSISTENT_SERVICE(Signal.CONSISTENCY, 1),
	INSUFFICIENT_SUPPORT(Signal.COMMUNICATION, 2), IGNORED_FEEDBACK(Signal.COMMUNICATION, 2),
	NO_PERSONALIZATION(Signal.COMMUNICATION, 1), PRODUCT_DEFECT(Signal.QUALITY, 2), ETHICAL_LAPSE(Signal.VALUES, 2),
	INAPPROPRIATE_MARKETING(Signal.VALUES, 1);

	private final Signal signal;

	private final int defaultSeverity;

	IncidentType(Signal signal, int defaultSeverity) {
		this.signal = signal;
		this.defaultSeverity = defaultSeverity;
	}

	public Signal signal() {
		return signal;
	}

	public int defaultSeverity() {
		return defaultSeverity;
	}

}
