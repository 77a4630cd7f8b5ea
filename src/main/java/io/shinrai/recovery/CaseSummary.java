package io.shinrai.recovery;

import java.time.Instant;
import java.util.List;

/**
 * One case as lists show it (board, customer page, API).
 *
 * @param overdue OPEN after its acknowledgement due time, as of the moment the list was
 * read
 * @param entryIds the negative feedback entries that caused it, oldest first
 */
public record CaseSummary(long id, long customerId, String customerReference, String customerName,
		RecoveryStatus status, String owner, Instant openedAt, Instant acknowledgeDueAt, Instant acknowledgedAt,
		Instant resolvedAt, Instant closedAt, int reopenedCount, boolean overdue, List<Long> entryIds) {

	public CaseSummary {
		entryIds = List.copyOf(entryIds);
	}

}
