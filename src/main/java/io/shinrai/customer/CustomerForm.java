package io.shinrai.customer;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the create and edit forms post. Never the entity itself: only these fields can be
 * set.
 */
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

	@Pattern(regexp = "ja|en")
	private String language;

	/** The version the form was opened with (edit only), for optimistic locking. */
	private Long version;

	static CustomerForm empty(String defaultLanguage) {
		CustomerForm form = new CustomerForm();
		form.language = defaultLanguage;
		return form;
	}

	static CustomerForm of(Customer customer, String language) {
		CustomerForm form = new CustomerForm();
		form.reference = customer.getReference();
		form.name = customer.getName();
		form.segment = customer.getSegment();
		form.email = customer.getEmail();
		form.language = language;
		form.version = customer.getVersion();
		return form;
	}

	CustomerDetails toDetails() {
		return new CustomerDetails(reference, name, segment, email, language);
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

	public String getLanguage() {
		return language;
	}

	public void setLanguage(String language) {
		this.language = language;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
