package io.shinrai.system;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The languages of the UI. Anything else falls back to English. */
public final class Languages {

	/** The cookie that holds the language chosen in a browser. */
	public static final String COOKIE = "shinrai-lang";

	public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);

	private Languages() {
	}

	public static Optional<Locale> supported(String tag) {
		if (tag == null) {
			return Optional.empty();
		}
		return SUPPORTED.stream().filter(locale -> locale.getLanguage().equalsIgnoreCase(tag.strip())).findFirst();
	}

	public static Locale closest(Locale requested) {
		return requested != null && Locale.JAPANESE.getLanguage().equals(requested.getLanguage()) ? Locale.JAPANESE
				: Locale.ENGLISH;
	}

}
