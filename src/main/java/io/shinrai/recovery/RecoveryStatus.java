package io.shinrai.recovery;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a recovery case stands: OPEN → ACKNOWLEDGED → RESOLVED → CLOSED, and back to OPEN
 * from RESOLVED when the customer is negative again. Labels are
 * {@code RecoveryStatus.NAME} in the message bundles.
 */
public enum RecoveryStatus {

	OPEN, ACKNOWLEDGED, RESOLVED, CLOSED;

	/** Cases that still need work; a new negative entry is attached to them. */
	public static final Set<RecoveryStatus> IN_PROGRESS = EnumSet.of(OPEN, ACKNOWLEDGED);

	/**
	 * Every status but CLOSED: a customer has at most one case in one of these (a
	 * database index insists).
	 */
	public static final Set<RecoveryStatus> NOT_CLOSED = EnumSet.of(OPEN, ACKNOWLEDGED, RESOLVED);

}
