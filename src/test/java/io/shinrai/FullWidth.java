package io.shinrai;

/** Text as a Japanese spreadsheet or input method may hold it. */
public final class FullWidth {

	private FullWidth() {
	}

	/**
	 * Every ASCII letter, digit and sign in its full-width form ({@code C-1} becomes
	 * {@code Ｃ－１}).
	 */
	public static String of(String ascii) {
		StringBuilder out = new StringBuilder();
		ascii.chars().forEach(c -> out.append(c > 0x20 && c < 0x7f ? (char) (c + 0xFEE0) : (char) c));
		return out.toString();
	}

}
