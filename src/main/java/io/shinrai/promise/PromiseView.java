package io.shinrai.promise;

import java.time.Instant;

/**
 * A promise as pages and the API show it.
 *
 * @param caseId the recovery case it was made on, or {@code null}
 * @param settledBy who marked it; {@code null} while open or when the job found it past
 * its due time
 * @param brokenFeedbackId the BROKEN_PROMISE entry logged when it was broken
 * @param overdue OPEN after its due time (until the job marks it broken)
 */
public record PromiseView(long id, long customerId, String customerRef, String customerName, Long caseId,
		String description, Instant dueAt, String owner, String createdBy, Instant createdAt, PromiseStatus status,
		Instant settledAt, String settledBy, Long brokenFeedbackId, boolean overdue) {
}
