package io.shinrai.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.CustomerTrust;

/**
 * Everything the case page shows: the case, its customer, the entries that caused it, its
 * notes, the customer's trust and status when the case was opened and now, and the
 * customer's own answers on the case's survey links.
 *
 * @param trustAtOpening {@code null} when the customer had no score yet
 * @param version what a form must send back, so that a concurrent change is noticed
 * @param confirmedAt when the customer confirmed the resolution of the current round;
 * {@code null} if not (yet)
 */
public record CaseDetails(long id, long customerId, String customerReference, String customerName,
		RecoveryStatus status, String owner, Instant openedAt, Instant acknowledgeDueAt, Instant acknowledgedAt,
		Instant resolvedAt, Instant closedAt, int reopenedCount, Instant reopenedAt, Instant overdueSince,
		boolean overdue, Double trustAtOpening, CustomerStatus statusAtOpening, CustomerTrust trustNow, long version,
		Set<RecoveryAction> allowedActions, List<Entry> entries, List<Note> notes, Instant confirmedAt,
		List<Answer> answers) {

	public CaseDetails {
		allowedActions = Set.copyOf(allowedActions);
		entries = List.copyOf(entries);
		notes = List.copyOf(notes);
		answers = List.copyOf(answers);
	}

	/**
	 * The customer confirmed the resolution on the case's survey link (not negative while
	 * resolved or closed).
	 */
	public boolean isConfirmedByCustomer() {
		return confirmedAt != null;
	}

	/** Has any move left; a CLOSED case has none. */
	public boolean isClosed() {
		return status == RecoveryStatus.CLOSED;
	}

	/** A negative feedback entry attached to the case. */
	public record Entry(long feedbackId, Instant receivedAt, Instant attachedAt) {
	}

	/**
	 * The customer's answer on one of the case's survey links.
	 *
	 * @param statusThen the case's status when the answer arrived
	 */
	public record Answer(long feedbackId, Instant answeredAt, boolean negative, RecoveryStatus statusThen) {
	}

	public record Note(String author, Instant writtenAt, String text) {
	}

}
