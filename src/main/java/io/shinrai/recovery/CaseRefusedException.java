package io.shinrai.recovery;

/**
 * A change to a recovery case that its rules refuse. Each kind has its own type and a
 * message key, so the page can say exactly why in the user's language; nothing has been
 * changed when one is thrown.
 */
public abstract sealed class CaseRefusedException extends RuntimeException {

	private final String messageKey;

	private final transient Object[] messageArgs;

	private CaseRefusedException(String message, String messageKey, Object... messageArgs) {
		super(message);
		this.messageKey = messageKey;
		this.messageArgs = messageArgs;
	}

	/** The key of the localised explanation in the message bundles. */
	public String messageKey() {
		return messageKey;
	}

	public Object[] messageArgs() {
		return messageArgs.clone();
	}

	/** Only an OPEN case can be acknowledged. */
	public static final class CannotAcknowledge extends CaseRefusedException {

		CannotAcknowledge(RecoveryStatus status) {
			super("Cannot acknowledge a case that is " + status, "recovery.refused.acknowledge");
		}

	}

	/** Only an ACKNOWLEDGED case can be resolved: someone must have taken it on first. */
	public static final class CannotResolve extends CaseRefusedException {

		CannotResolve(RecoveryStatus status) {
			super("Cannot resolve a case that is " + status, "recovery.refused.resolve");
		}

	}

	/** Only a RESOLVED case can be closed. */
	public static final class CannotClose extends CaseRefusedException {

		CannotClose(RecoveryStatus status) {
			super("Cannot close a case that is " + status, "recovery.refused.close");
		}

	}

	/**
	 * Only a RESOLVED case can be reopened; a CLOSED one stays closed and a new case is
	 * opened instead.
	 */
	public static final class CannotReopen extends CaseRefusedException {

		CannotReopen(RecoveryStatus status) {
			super("Cannot reopen a case that is " + status, "recovery.refused.reopen");
		}

	}

	/** A CLOSED case is final: its owner no longer changes. */
	public static final class CaseClosed extends CaseRefusedException {

		CaseClosed() {
			super("The case is closed", "recovery.refused.closed");
		}

	}

	/** Cases are owned by managers (or admins) only. */
	public static final class OwnerNotAManager extends CaseRefusedException {

		OwnerNotAManager(String username) {
			super("Not an active manager: " + username, "recovery.refused.ownerNotManager");
		}

	}

	/** A note needs text, at most {@link RecoveryNote#MAX_LENGTH} characters. */
	public static final class InvalidNote extends CaseRefusedException {

		InvalidNote() {
			super("A note needs 1 to " + RecoveryNote.MAX_LENGTH + " characters", "recovery.refused.note",
					RecoveryNote.MAX_LENGTH);
		}

	}

	/** A hand-over of several cases needs at least one case. */
	public static final class NothingSelected extends CaseRefusedException {

		NothingSelected() {
			super("No case was selected", "recovery.refused.nothingSelected");
		}

	}

	/** A case whose customer is still AT_RISK is closed only with a note saying why. */
	public static final class NoteRequiredToClose extends CaseRefusedException {

		NoteRequiredToClose() {
			super("Closing a case whose customer is still at risk needs a note",
					"recovery.refused.closeAtRiskNeedsNote");
		}

	}

	/**
	 * Someone else saved the case since it was shown: the second save is refused, never a
	 * silent overwrite.
	 */
	public static final class CaseChanged extends CaseRefusedException {

		CaseChanged(long caseId) {
			super("Recovery case " + caseId + " was changed by someone else", "recovery.refused.changed");
		}

	}

}
