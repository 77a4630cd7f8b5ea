package io.shinrai.system;

import java.util.Locale;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The language customers are addressed in (survey pages, transparency reports, mails to
 * customers) unless one is chosen for the customer: {@code shinrai.default-language}
 * ({@code SHINRAI_DEFAULT_LANGUAGE}), {@code ja} or {@code en}.
 */
@ConfigurationProperties("shinrai")
@Validated
public record DefaultLanguage(
		@DefaultValue("ja") @Pattern(regexp = "ja|en", message = "must be ja or en") String defaultLanguage) {

	/** The language codes a customer can be addressed in. */
	public static final java.util.List<String> CODES = java.util.List.of("ja", "en");

	public Locale locale() {
		return Locale.forLanguageTag(defaultLanguage);
	}

	/** The customer's own language when it has one, otherwise this default. */
	public String resolve(String language) {
		return language != null && CODES.contains(language) ? language : defaultLanguage;
	}

}
