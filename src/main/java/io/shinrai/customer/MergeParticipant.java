package io.shinrai.customer;

import java.util.Map;

/**
 * A module that keeps rows about customers or segments: implement this as a bean and
 * every merge of two customers or two segments ({@link CustomerMerges}) asks it what it
 * holds and moves it. Every method runs inside the merge's transaction, under its lock,
 * while the absorbed customer still exists; a module changes only its own tables.
 */
public interface MergeParticipant {

	/**
	 * When a participant runs: {@link #MOVE} moves rows, {@link #RECOMPUTE} derives
	 * numbers from the rows after every participant has moved them.
	 */
	enum Phase {

		MOVE, RECOMPUTE

	}

	default Phase phase() {
		return Phase.MOVE;
	}

	/**
	 * What a merge of this customer would move, as counts by message key (for example
	 * {@code merge.rows.entries}); nothing when the module holds nothing.
	 */
	default Map<String, Long> customerRows(long customerId) {
		return Map.of();
	}

	/**
	 * Refuses a merge this module cannot take (throw {@link MergeRefusedException});
	 * called for every absorbed customer before anything moves.
	 */
	default void checkCustomers(long absorbedId, long survivorId) {
	}

	/**
	 * Moves (or derives again) everything of {@code absorbedId} to {@code survivorId}.
	 */
	default void moveCustomer(long absorbedId, long survivorId) {
	}

	/** What a merge of this segment would move, as counts by message key. */
	default Map<String, Long> segmentRows(String segment) {
		return Map.of();
	}

	/**
	 * Moves what this module keeps per segment from {@code absorbed} to {@code survivor};
	 * runs after the customers have been moved to the survivor.
	 */
	default void moveSegment(String absorbed, String survivor) {
	}

}
