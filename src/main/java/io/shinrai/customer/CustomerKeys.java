package io.shinrai.customer;

import java.text.Normalizer;

/**
 * How a customer's CRM reference and segment are written down, whichever way they arrive
 * (form, API, CSV): NFKC normalised and trimmed, so that {@code Ｃ－０００００２} typed in a
 * Japanese spreadsheet is {@code C-000002} and {@code ＳＭＢ} is {@code SMB}. Blank becomes
 * {@code null}. Every path that stores or looks up a reference or a segment goes through
 * {@link #normalise}.
 */
public final class CustomerKeys {

	private CustomerKeys() {
	}

	public static String normalise(String value) {
		if (value == null) {
			return null;
		}
		// PostgreSQL cannot store NUL characters in text; they never carry meaning
		String normalised = Normalizer.normalize(value.replace("\0", ""), Normalizer.Form.NFKC).strip();
		return normalised.isEmpty() ? null : normalised;
	}

}
