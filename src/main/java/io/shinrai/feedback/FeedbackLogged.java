package io.shinrai.feedback;

import java.time.Instant;

/**
 * Feedback entries were stored or corrected. Published inside the storing transaction,
 * once per entry from the form and the API and once per batch from an import, so
 * listeners (scoring, recovery) stay consistent with the data.
 *
 * @param entries the entries as stored now
 * @param corrected for a correction, the entry as it was before (same id); otherwise
 * {@code null}
 * @param importId the CSV import whose batch this is; {@code null} for the form and the
 * API (so listeners can tell imported history, which they summarise, from feedback
 * arriving now)
 */
public record FeedbackLogged(java.util.List<Entry> entries, Entry corrected, Long importId) {

	public FeedbackLogged(java.util.List<Entry> entries, Entry corrected) {
		this(entries, corrected, null);
	}

	public static FeedbackLogged of(Entry entry) {
		return new FeedbackLogged(java.util.List.of(entry), null);
	}

	/** What listeners need to know about one entry without reading it again. */
	public record Entry(long feedbackId, long customerId, Instant receivedAt, boolean negative, Source source) {
	}

}
