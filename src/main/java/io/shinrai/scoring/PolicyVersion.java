package io.shinrai.scoring;

import java.time.Instant;

/**
 * One stored, immutable version of the scoring policy: who activated it, when and why.
 * {@code copiedFrom} names the older version this one re-activates, if any.
 */
public record PolicyVersion(int version, ScoringPolicy policy, Instant activatedAt, String activatedBy, String reason,
		Integer copiedFrom) {

	/**
	 * Whether this is the first version, which Shinrai stored itself with its defaults
	 * (its reason is not a user's).
	 */
	public boolean seeded() {
		return version == 1 && "system".equals(activatedBy);
	}

}
