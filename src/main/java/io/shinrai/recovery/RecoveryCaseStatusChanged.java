package io.shinrai.recovery;

import java.time.Instant;

/**
 * A recovery case moved in its workflow (a manager's move, or a reopening by new negative
 * feedback), published in the transaction that moves it.
 *
 * @param actor who moved it ({@code system} for a reopening by feedback)
 * @param owner the case's owner after the move, or {@code null}
 */
public record RecoveryCaseStatusChanged(long caseId, long customerId, RecoveryStatus from, RecoveryStatus to,
		String actor, String owner, Instant at) {

}
