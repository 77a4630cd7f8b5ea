package io.shinrai.feedback;

import java.util.List;

/**
 * The comments of these entries were emptied (erasure of their customer, retention).
 * Published inside the emptying transaction, so listeners that keep something derived
 * from comments (the term counts) forget it in step.
 *
 * @param feedbackIds the entries whose comment is empty now (may include entries whose
 * comment was already empty)
 */
public record FeedbackCommentsEmptied(List<Long> feedbackIds) {

	public FeedbackCommentsEmptied {
		feedbackIds = List.copyOf(feedbackIds);
	}

}
