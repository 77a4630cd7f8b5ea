package io.shinrai.recovery;

/**
 * The moves a manager can make on a case; labels are {@code RecoveryAction.NAME} in the
 * message bundles.
 */
public enum RecoveryAction {

	ACKNOWLEDGE, RESOLVE, CLOSE, REOPEN

}
