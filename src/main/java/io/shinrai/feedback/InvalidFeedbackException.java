package io.shinrai.feedback;

import java.util.List;

/** A feedback entry breaks one or more rules; nothing was stored. */
public class InvalidFeedbackException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidFeedbackException(List<Violation> violations) {
		super("invalid feedback: " + violations);
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return violations;
	}

}
