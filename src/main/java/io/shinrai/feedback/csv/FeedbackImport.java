package io.shinrai.feedback.csv;

import java.time.Instant;
import java.util.List;

/**
 * One CSV import job and its progress, as committed so far.
 *
 * @param totalRows data rows in the file (counted before the first row was stored)
 * @param rowsDone data rows processed: imported + skipped + rejected
 * @param skipped rows already imported before (same external_id, or same row hash)
 * @param rejectedNotStored rejected rows counted but not stored with their text (beyond
 * the limit per import)
 * @param failureKey for a FAILED job, the message key saying why; {@code null} otherwise
 */
public record FeedbackImport(long id, String fileName, long fileSize, String encoding, Status status, String startedBy,
		Instant startedAt, Instant finishedAt, long totalRows, long rowsDone, long imported, long skipped,
		long rejected, long rejectedNotStored, String failureKey, List<String> failureArgs) {

	public enum Status {

		RUNNING, COMPLETED, FAILED

	}

	public boolean finished() {
		return status != Status.RUNNING;
	}

	/** Share of the rows processed, 0–100. */
	public double percent() {
		if (status == Status.COMPLETED || totalRows == 0) {
			return status == Status.COMPLETED ? 100 : 0;
		}
		return Math.min(100.0, 100.0 * rowsDone / totalRows);
	}

	/** Rejected rows stored with their text (shown on the job page and downloadable). */
	public long rejectedStored() {
		return rejected - rejectedNotStored;
	}

	public Object[] failureArgsArray() {
		return failureArgs.toArray();
	}

}
