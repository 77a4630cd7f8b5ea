package io.shinrai.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shinrai.api.*}: how API clients prove who they are.
 *
 * @param basicAuth whether HTTP Basic (user name and password) is accepted on
 * {@code /api/**} besides personal access tokens ({@code SHINRAI_API_BASIC_AUTH}); off,
 * only tokens are
 * @param tokenLifetime the expiry a new token gets when none is chosen
 * @param tokenMaxLifetime the longest expiry a token may have
 * @param maxTokensPerUser how many tokens one user may have that are neither expired nor
 * revoked
 */
@ConfigurationProperties("shinrai.api")
public record ApiProperties(@DefaultValue("true") boolean basicAuth, @DefaultValue("90d") Duration tokenLifetime,
		@DefaultValue("366d") Duration tokenMaxLifetime, @DefaultValue("50") int maxTokensPerUser) {
}
