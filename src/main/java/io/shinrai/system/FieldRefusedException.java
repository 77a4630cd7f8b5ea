package io.shinrai.system;

/**
 * A request refused for one of its fields: {@link #field()} names it,
 * {@link #messageKey()} and {@link #arguments()} say why in the reader's language, for a
 * form or the API. Modules extend it for their own refusals.
 */
public abstract class FieldRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final transient Object[] arguments;

	protected FieldRefusedException(String field, String messageKey, Object... arguments) {
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
