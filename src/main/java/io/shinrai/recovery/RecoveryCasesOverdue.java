package io.shinrai.recovery;

import java.time.Instant;
import java.util.List;

/**
 * Recovery cases became overdue: still OPEN after their acknowledgement due time.
 * Published by the overdue job in the transaction that flags them, once per run for the
 * cases it newly flagged.
 */
public record RecoveryCasesOverdue(List<OverdueCase> cases) {

	/**
	 * @param overdueSince when the job noticed (a case flagged again after a reopening
	 * has a new time)
	 */
	public record OverdueCase(long caseId, long customerId, String owner, Instant acknowledgeDueAt,
			Instant overdueSince) {
	}

}
