package io.shinrai.feedback;

/**
 * A CSV import ended, published in the transaction that records its end. Lets listeners
 * close what they summarised per import (one "N new cases from import X" per recipient
 * instead of one notice per case).
 *
 * @param completed {@code true} when every row was processed, {@code false} when the
 * import stopped halfway
 * @param imported the entries it stored
 */
public record FeedbackImportFinished(long importId, String fileName, String startedBy, boolean completed,
		long imported) {

}
