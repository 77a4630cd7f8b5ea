package io.shinrai.survey;

/** A survey link cannot be created as asked; {@link #messageKey()} says why, for a page or the API. */
public class SurveyLinkRefusedException extends RuntimeException {

	private final String field;

	private final String messageKey;

	private final Object[] arguments;

	SurveyLinkRefusedException(String field, String messageKey, Object... arguments) {
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
