package io.shinrai.feedback.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Why a row was rejected: a message key and its arguments, resolved in the reader's
 * language when shown. Stored in one text value: the key and the arguments separated by
 * the unit separator U+001F, which arguments never contain (control characters in them
 * are replaced).
 */
record Reason(String key, List<String> args) {

	private static final char SEPARATOR = '\u001F';

	private static final int MAX_ARG_LENGTH = 60;

	Reason {
		args = List.copyOf(args);
	}

	static Reason of(String key, Object... args) {
		return new Reason(key, Arrays.stream(args).map(arg -> withoutControlCharacters(String.valueOf(arg))).toList());
	}

	Object[] argsArray() {
		return args.toArray();
	}

	String encode() {
		StringBuilder text = new StringBuilder(key);
		for (String arg : args) {
			text.append(SEPARATOR).append(arg);
		}
		return text.toString();
	}

	static Reason decode(String text) {
		List<String> parts = new ArrayList<>(Arrays.asList(text.split(String.valueOf(SEPARATOR), -1)));
		String key = parts.remove(0);
		return new Reason(key, parts);
	}

	/** A value from the file quoted in a message: short enough for a table cell. */
	static String quote(String value) {
		return value.length() <= MAX_ARG_LENGTH ? value : value.substring(0, MAX_ARG_LENGTH - 1) + "…";
	}

	private static String withoutControlCharacters(String value) {
		return value.codePoints()
			.map(c -> Character.isISOControl(c) ? ' ' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
