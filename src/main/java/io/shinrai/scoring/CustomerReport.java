package io.shinrai.scoring;

import java.time.Instant;
import java.util.List;

/**
 * Everything the customer page shows about one customer's trust as of {@code asOf},
 * computed with {@code policy} (the serving version): the score and status, the
 * explanation per signal, the negative entries inside the risk window (newest first), a
 * weekly trend over the last 52 weeks (oldest first) and every entry (newest first).
 */
public record CustomerReport(long customerId, Instant asOf, PolicyVersion policy, CustomerTrust trust,
		Explanation explanation, List<CustomerEntry> negativeEntries, List<TrendPoint> trend,
		List<CustomerEntry> entries) {

	public CustomerReport {
		negativeEntries = List.copyOf(negativeEntries);
		trend = List.copyOf(trend);
		entries = List.copyOf(entries);
	}

	/** The newest entry received at or before {@code asOf}, if any. */
	public Instant lastFeedbackAt() {
		return entries.stream().map(CustomerEntry::receivedAt).filter(at -> !at.isAfter(asOf)).findFirst().orElse(null);
	}

}
