package io.shinrai.system;

import java.util.Locale;

/** A signed-in user switched the language of the UI. */
public record LanguageChosen(String username, Locale locale) {
}
