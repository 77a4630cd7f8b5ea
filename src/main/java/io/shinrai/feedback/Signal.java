package io.shinrai.feedback;

import java.util.Locale;

/**
 * The five trust signals, in the order docs/scoring.md uses everywhere (forms, tables,
 * charts, CSV, JSON).
 */
public enum Signal {

	TRANSPARENCY, CONSISTENCY, COMMUNICATION, QUALITY, VALUES;

	/** The lower-case key used in CSV headers and JSON ({@code transparency}, ...). */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Signal fromKey(String key) {
		return valueOf(key.toUpperCase(Locale.ROOT));
	}

}
