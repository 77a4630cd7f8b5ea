package io.shinrai.recovery;

import java.time.Instant;
import java.util.List;

/**
 * Recovery cases were opened for negative feedback, published in the transaction that
 * opens them: one event per feedback event, so an import batch opens its cases with one
 * event.
 *
 * @param importId the CSV import whose batch opened them; {@code null} for feedback from
 * the form or the API
 */
public record RecoveryCasesOpened(List<OpenedCase> cases, Long importId) {

	/**
	 * @param owner the manager who logged the feedback, or {@code null} when the case is
	 * unassigned
	 */
	public record OpenedCase(long caseId, long customerId, String owner, Instant openedAt, Instant acknowledgeDueAt) {
	}

}
