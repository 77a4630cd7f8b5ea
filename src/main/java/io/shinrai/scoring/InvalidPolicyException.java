package io.shinrai.scoring;

import java.util.List;

/**
 * A policy draft (or its reason) has fields outside the allowed ranges of
 * docs/scoring.md; nothing was activated.
 */
public class InvalidPolicyException extends RuntimeException {

	private final List<PolicyFieldError> errors;

	public InvalidPolicyException(List<PolicyFieldError> errors) {
		super("invalid scoring policy: " + errors.stream().map(PolicyFieldError::field).toList());
		this.errors = List.copyOf(errors);
	}

	public List<PolicyFieldError> errors() {
		return errors;
	}

}
