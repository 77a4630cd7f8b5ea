package io.shinrai.feedback;

import java.util.List;

/**
 * One broken rule of a feedback entry: which field, and the message key (with arguments)
 * that explains it in the user's language. Field names are those of {@link NewFeedback};
 * a rating is {@code ratings.<signal key>} (e.g. {@code ratings.quality}), an incident
 * note {@code incidents.<TYPE>}; "at least one rating, score or incident" is reported on
 * {@code ratings}.
 */
public record Violation(String field, String messageKey, List<Object> args) {

	public Violation {
		args = List.copyOf(args);
	}

	public Violation(String field, String messageKey, Object... args) {
		this(field, messageKey, List.of(args));
	}

	/**
	 * The arguments as an array, as {@code MessageSource} and {@code Errors.rejectValue}
	 * take them.
	 */
	public Object[] arguments() {
		return args.toArray();
	}

}
