package io.shinrai.privacy;

import io.shinrai.system.FieldRefusedException;

/**
 * Retention settings with a value out of range or without a reason; nothing was saved.
 */
public class InvalidRetentionException extends FieldRefusedException {

	InvalidRetentionException(String field, String messageKey, Object... arguments) {
		super(field, messageKey, arguments);
	}

}
