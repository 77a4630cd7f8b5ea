package io.shinrai.account;

import io.shinrai.system.FieldRefusedException;

/**
 * A token that cannot be created as asked, for one of its fields (its name, access or
 * expiry).
 */
class ApiTokenRefused extends FieldRefusedException {

	ApiTokenRefused(String field, String messageKey, Object... arguments) {
		super(field, messageKey, arguments);
	}

}
