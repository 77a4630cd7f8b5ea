package io.shinrai.privacy;

import java.util.List;

/**
 * What a transparency report tells a customer, already in words and local dates: what
 * Shinrai holds, why, how long, every feedback entry and what was done about each
 * negative experience. Nothing internal: no weights or scores, no recovery notes, no
 * owner, nothing about other customers.
 */
public record TransparencyReport(String language, String customerName, String customerReference, String generatedAt,
		Integer textMonths, Integer inactiveYears, List<Entry> entries, List<Case> cases) {

	public TransparencyReport {
		entries = List.copyOf(entries);
		cases = List.copyOf(cases);
	}

	/** One feedback entry: labels are message keys, values as given. */
	public record Entry(String receivedAt, String channelKey, String categoryKey, List<Rating> ratings, Integer nps,
			Integer csat, Integer ces, List<String> incidentKeys, String comment, boolean negative) {
	}

	public record Rating(String signalKey, int value) {
	}

	/** A negative experience and what was done about it. */
	public record Case(String openedAt, String statusKey, String acknowledgedAt, String resolvedAt, String closedAt,
			int entries) {
	}

}
