package io.shinrai.privacy;

/** An erasure was asked for without a usable reason; nothing was erased. */
public class InvalidErasureException extends RuntimeException {

	private final String messageKey;

	private final transient Object[] arguments;

	InvalidErasureException(String messageKey, Object... arguments) {
		super(messageKey);
		this.messageKey = messageKey;
		this.arguments = arguments;
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
