package io.shinrai.feedback;

import java.time.Instant;
import java.util.EnumMap;

/**
 * A feedback entry as stored, with its customer's reference, name and segment.
 *
 * @param ratings 1–5 per rated signal; a signal that was not rated has no key
 * @param incidents the incidents with the note given for each ({@code null} when none)
 * @param version increases with every correction (optimistic locking)
 */
public record StoredFeedback(long id, long customerId, String customerRef, String customerName, String customerSegment,
		Instant receivedAt, Channel channel, Category category, EnumMap<Signal, Integer> ratings, Integer nps,
		Integer csat, Integer ces, EnumMap<IncidentType, String> incidents, String comment, boolean negative,
		String externalId, Source source, String loggedBy, Instant loggedAt, Long importId, long version) {

	/** What {@link FeedbackLogged} tells listeners about this entry. */
	public FeedbackLogged.Entry entry() {
		return new FeedbackLogged.Entry(id, customerId, receivedAt, negative, source);
	}

	/**
	 * Ratings in signal order, {@code null} for a signal that was not rated (for tables).
	 */
	public Integer rating(Signal signal) {
		return ratings.get(signal);
	}

	/** The entry's content as a command, e.g. to fill the correction form. */
	public NewFeedback toNewFeedback() {
		return new NewFeedback(customerRef, customerName, customerSegment, receivedAt, channel, category, ratings, nps,
				csat, ces, incidents, comment, externalId, null, source, loggedBy, importId);
	}

}
