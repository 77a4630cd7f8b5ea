package io.shinrai.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Shinrai addresses the world outside: {@code shinrai.base-url}
 * ({@code SHINRAI_BASE_URL}), what links in mails, webhook payloads and survey links
 * start with, and {@code shinrai.mail.from} ({@code SHINRAI_MAIL_FROM}), the sender of
 * every mail. Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai")
public record OutboundProperties(
		@DefaultValue("http://localhost:8080") @Pattern(regexp = "https?://[^\\s/?#]+(/[^\\s?#]*)?",
				message = "must be an http or https address such as https://shinrai.example.com") String baseUrl,
		@Valid @DefaultValue Mail mail) {

	public OutboundProperties {
		baseUrl = baseUrl != null && baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/** The absolute address of {@code path} (which starts with {@code /}). */
	public String link(String path) {
		return baseUrl + path;
	}

	public record Mail(@DefaultValue("shinrai@localhost") @NotBlank String from) {
	}

}
