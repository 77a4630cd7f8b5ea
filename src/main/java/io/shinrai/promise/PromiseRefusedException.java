package io.shinrai.promise;

/** A promise cannot be recorded or marked as asked; {@link #messageKey()} says why, for a page or the API. */
public class PromiseRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final Object[] arguments;

	PromiseRefusedException(String field, String messageKey, Object... arguments) {
		super(field + ": " + messageKey);
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
