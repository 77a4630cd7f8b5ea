package io.shinrai.account;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Access to {@code /actuator/prometheus} besides admins' HTTP Basic
 * ({@code shinrai.metrics.*}).
 *
 * @param token a secret a scraper sends as {@code Authorization: Bearer <token>}; empty:
 * none is accepted. At least 32 characters of letters, digits, {@code -}, {@code _},
 * {@code .}, {@code ~}, {@code +} or {@code /} (e.g. {@code openssl rand -hex 32}), so
 * that guessing it is hopeless
 */
@ConfigurationProperties("shinrai.metrics")
@Validated
public record MetricsProperties(@Pattern(regexp = "|[A-Za-z0-9._~+/=-]{32,}",
		message = "shinrai.metrics.token must be empty or at least 32 letters, digits or -._~+/=") String token) {

	boolean tokenSet() {
		return token != null && !token.isEmpty();
	}

}
