package io.shinrai.customer;

/** Another customer already has this CRM reference. */
public class DuplicateReferenceException extends RuntimeException {

	private final String reference;

	public DuplicateReferenceException(String reference) {
		super("a customer with reference " + reference + " exists already");
		this.reference = reference;
	}

	public String reference() {
		return reference;
	}

}
