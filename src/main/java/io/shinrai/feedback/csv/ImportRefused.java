package io.shinrai.feedback.csv;

import java.util.List;

/**
 * A file that cannot be imported at all (empty, not text, wrong header, ...): nothing was
 * changed. Carries a message key and its arguments so that the caller can say why in the
 * user's language.
 */
public class ImportRefused extends RuntimeException {

	private final String key;

	private final List<Object> args;

	public ImportRefused(String key, Object... args) {
		super(key + " " + List.of(args));
		this.key = key;
		this.args = List.of(args);
	}

	public String key() {
		return key;
	}

	public Object[] args() {
		return args.toArray();
	}

}
