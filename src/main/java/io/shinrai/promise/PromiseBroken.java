package io.shinrai.promise;

/**
 * A promise was broken (marked so, or past its due time); published inside the
 * transaction that logged its BROKEN_PROMISE entry {@code feedbackId}.
 *
 * @param markedBy who marked it broken; {@code null} when the broken-promise job found it
 * past its due time
 */
public record PromiseBroken(long promiseId, long customerId, Long caseId, String owner, long feedbackId,
		String markedBy) {
}
