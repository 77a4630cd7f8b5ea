package io.shinrai.customer;

/**
 * What a manager (or an import) says about a customer: the CRM reference, the name, the
 * segment, an optional e-mail address and the language the customer is addressed in
 * ({@code ja} or {@code en}; absent: the default language). Blank values are stored as
 * absent; the reference and the segment are normalised by {@link CustomerKeys}.
 */
public record CustomerDetails(String reference, String name, String segment, String email, String language) {

	public CustomerDetails {
		reference = CustomerKeys.normalise(reference);
		name = clean(name);
		segment = CustomerKeys.normalise(segment);
		email = clean(email);
		language = clean(language);
	}

	public CustomerDetails(String reference, String name, String segment, String email) {
		this(reference, name, segment, email, null);
	}

	public static CustomerDetails of(String reference, String name, String segment) {
		return new CustomerDetails(reference, name, segment, null);
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
