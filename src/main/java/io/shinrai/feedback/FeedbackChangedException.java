package io.shinrai.feedback;

import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The entry was corrected by someone else since the correction form was opened; nothing
 * was changed.
 */
public class FeedbackChangedException extends OptimisticLockingFailureException {

	private final StoredFeedback current;

	public FeedbackChangedException(StoredFeedback current) {
		super("feedback " + current.id() + " was changed by someone else (now version " + current.version() + ")");
		this.current = current;
	}

	public StoredFeedback current() {
		return current;
	}

}
