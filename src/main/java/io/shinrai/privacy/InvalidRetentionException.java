package io.shinrai.privacy;

/** Retention settings with a value out of range or without a reason; nothing was saved. */
public class InvalidRetentionException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final transient Object[] arguments;

	InvalidRetentionException(String field, String messageKey, Object... arguments) {
		super(messageKey);
		this.field = field;
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	public String field() {
		return field;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
