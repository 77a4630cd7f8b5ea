package io.shinrai.feedback;

/**
 * An entry with the same external id (or import row hash) is stored already; no second
 * row was written.
 */
public class DuplicateFeedbackException extends RuntimeException {

	private final StoredFeedback existing;

	public DuplicateFeedbackException(StoredFeedback existing) {
		super("feedback " + existing.externalId() + " exists already as entry " + existing.id());
		this.existing = existing;
	}

	public StoredFeedback existing() {
		return existing;
	}

}
