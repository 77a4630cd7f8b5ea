package io.shinrai.scoring;

import java.time.Instant;

/**
 * The background recomputation of the sums after a change of half-life or severities (or
 * of the business time zone). While it is {@code RUNNING}, every number is still computed
 * with {@code servingVersion}; when it is {@code FINISHED} the numbers switched to
 * {@code policyVersion} at once. {@code done} and {@code total} count feedback entries
 * processed (each entry twice: per customer, per day).
 */
public record RecomputationStatus(int policyVersion, State state, long done, long total, Instant requestedAt,
		Instant startedAt, Instant finishedAt, String failure) {

	public enum State {

		/** Waiting for or making progress. */
		RUNNING,
		/** Done; its numbers are served. */
		FINISHED,
		/** Another activation made it unnecessary before it finished. */
		SUPERSEDED

	}

	public boolean running() {
		return state == State.RUNNING;
	}

	/** 0 to 100. */
	public int percent() {
		if (state == State.FINISHED) {
			return 100;
		}
		return (total <= 0) ? 0 : (int) Math.min(99, 100 * done / total);
	}

}
