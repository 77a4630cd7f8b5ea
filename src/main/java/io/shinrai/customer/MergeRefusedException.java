package io.shinrai.customer;

import io.shinrai.system.FieldRefusedException;

/**
 * A merge refused before anything moved: {@link #field()} names the part of the request
 * ({@code survivor}, {@code absorbed}), the message says why in the reader's language.
 * {@link #conflict()} when the data stands in the way (both customers have an open
 * recovery case) rather than the request.
 */
public class MergeRefusedException extends FieldRefusedException {

	private final boolean conflict;

	public MergeRefusedException(String field, String messageKey, Object... arguments) {
		this(false, field, messageKey, arguments);
	}

	private MergeRefusedException(boolean conflict, String field, String messageKey, Object... arguments) {
		super(field, messageKey, arguments);
		this.conflict = conflict;
	}

	/** Refused because of the stored data, not the request (HTTP 409 in the API). */
	public static MergeRefusedException conflict(String field, String messageKey, Object... arguments) {
		return new MergeRefusedException(true, field, messageKey, arguments);
	}

	public boolean conflict() {
		return conflict;
	}

}
