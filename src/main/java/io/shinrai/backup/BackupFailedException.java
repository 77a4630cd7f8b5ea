package io.shinrai.backup;

/**
 * A backup could not be taken. {@link #messageKey()} and {@link #arguments()} say why in
 * the reader's language; the exception's message says it in English, with details, for
 * the log.
 */
public class BackupFailedException extends RuntimeException {

	private final String messageKey;

	private final transient Object[] arguments;

	BackupFailedException(String messageKey, Object[] arguments, String detail, Throwable cause) {
		super(detail, cause);
		this.messageKey = messageKey;
		this.arguments = arguments.clone();
	}

	BackupFailedException(String messageKey, Object[] arguments, String detail) {
		this(messageKey, arguments, detail, null);
	}

	public String messageKey() {
		return messageKey;
	}

	public Object[] arguments() {
		return arguments.clone();
	}

}
