package io.shinrai.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What the create and edit forms post. Never the entity itself: only these fields can be set. */
public class CustomerForm {

	@NotBlank
	@Size(max = Customer.MAX_REFERENCE)
	private String reference;

	@NotBlank
	@Size(max = Customer.MAX_NAME)
	private String name;

	@Size(max = Customer.MAX_SEGMENT)
	private String segment;

	@Email
	@Size(max = Customer.MAX_EMAIL)
	private String email;

	/** The version the form was opened with (edit only), for optimistic locking. */
	private Long version;

	static CustomerForm of(Customer customer) {
		CustomerForm form = new CustomerForm();
		form.reference = customer.getReference();
		form.name = customer.getName();
		form.segment = customer.getSegment();
		form.email = customer.getEmail();
		form.version = customer.getVersion();
		return form;
	}

	CustomerDetails toDetails() {
		return new CustomerDetails(reference, name, segment, email);
	}

	public String getReference() {
		return reference;
	}

	public void setReference(String reference) {
		this.reference = reference;
	}

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getSegment() {
		return segment;
	}

	public void setSegment(String segment) {
		this.segment = segment;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
