package io.shinrai.customer;

/**
 * A customer outside the acting user's segments was to be written, or created in a
 * segment outside them (docs/segment-scopes.md). Nothing was changed.
 */
public class CustomerOutOfScopeException extends RuntimeException {

	public CustomerOutOfScopeException(String reference) {
		super("customer " + reference + " is outside the user's segments");
	}

}
