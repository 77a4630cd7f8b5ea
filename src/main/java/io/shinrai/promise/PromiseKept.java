package io.shinrai.promise;

/** A promise was marked kept by {@code markedBy}. */
public record PromiseKept(long promiseId, long customerId, Long caseId, String owner, String markedBy) {
}
