package io.shinrai.feedback;

import java.util.List;

/**
 * The entry belongs to a customer whose personal data was erased, or is an erased entry:
 * nothing of it is stored. A {@link InvalidFeedbackException} whose one violation
 * ({@value FeedbackRules#ERASED}, on {@code customerRef}) says so, so that forms show it
 * like any broken rule; the API answers it with 422.
 */
public class ErasedFeedbackException extends InvalidFeedbackException {

	public ErasedFeedbackException() {
		super(List.of(FeedbackRules.erased()));
	}

}
