package io.shinrai.system;

/**
 * Text PostgreSQL can store and Java can encode: no NUL (PostgreSQL refuses it in
 * {@code text}) and no surrogate without its partner (no character at all; it cannot be
 * written as UTF-8).
 */
public final class StorableText {

	private StorableText() {
	}

	public static boolean isStorable(CharSequence text) {
		if (text == null) {
			return true;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\u0000') {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a JSON document, as sent, decodes to storable strings only: no raw NUL, no
	 * {@code \u0000} escape, no escaped surrogate without its partner. An escaped
	 * backslash ({@code \\u0000}) is text, not an escape.
	 */
	public static boolean isStorableJson(CharSequence json) {
		if (!isStorable(json)) {
			return false;
		}
		int length = json.length();
		for (int i = 0; i < length; i++) {
			if (json.charAt(i) != '\\' || i + 1 >= length) {
				continue;
			}
			if (json.charAt(i + 1) != 'u') {
				// any other escape: skip the escaped character (it may be a backslash)
				i++;
				continue;
			}
			int code = hex(json, i + 2);
			if (code == 0) {
				return false;
			}
			if (code >= 0 && Character.isHighSurrogate((char) code)) {
				int next = i + 6 < length - 1 && json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u'
						? hex(json, i + 8) : -1;
				if (next < 0 || !Character.isLowSurrogate((char) next)) {
					return false;
				}
				i += 11;
			}
			else if (code >= 0 && Character.isLowSurrogate((char) code)) {
				return false;
			}
			else {
				i += 5;
			}
		}
		return true;
	}

	/**
	 * The four hex digits at {@code start}, or -1 when there are none (the parser then
	 * refuses the document).
	 */
	private static int hex(CharSequence text, int start) {
		if (start + 4 > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = start; i < start + 4; i++) {
			int digit = Character.digit(text.charAt(i), 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

}
