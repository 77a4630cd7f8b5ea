package io.shinrai.customer;

/**
 * A customer reference is not known yet and no name was given to create the customer
 * with.
 */
public class CustomerNameRequiredException extends RuntimeException {

	private final String reference;

	public CustomerNameRequiredException(String reference) {
		super("customer " + reference + " is unknown and no name was given to create it");
		this.reference = reference;
	}

	public String reference() {
		return reference;
	}

}
