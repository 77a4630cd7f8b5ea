package io.shinrai.promise;

import io.shinrai.system.FieldRefusedException;

/**
 * A promise cannot be recorded or marked as asked; {@link #messageKey()} says why, for a
 * page or the API.
 */
public class PromiseRefusedException extends FieldRefusedException {

	PromiseRefusedException(String field, String messageKey, Object... arguments) {
		super(field, messageKey, arguments);
	}

}
