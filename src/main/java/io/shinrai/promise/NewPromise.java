package io.shinrai.promise;

import java.time.Instant;

/**
 * A promise to record: made to the customer (by CRM reference), optionally on one of its
 * cases, to be kept by {@code dueAt}, owned by {@code owner} (a manager; {@code null}:
 * whoever records it).
 */
public record NewPromise(String customerRef, Long caseId, String description, Instant dueAt, String owner) {

	public NewPromise {
		customerRef = clean(customerRef);
		description = clean(description);
		owner = clean(owner);
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		String stripped = value.replace("\0", "").strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
