package io.shinrai.survey;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.survey.*}: the public survey page's rate limits
 * ({@code rate-limit.per-address} and {@code per-token} requests in each {@code window})
 * and its largest answer post ({@code max-request-size}). Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.survey")
record SurveyProperties(@Valid @DefaultValue RateLimit rateLimit,
		@DefaultValue("64KB") @NotNull DataSize maxRequestSize) {

	record RateLimit(@DefaultValue("30") @Positive int perAddress, @DefaultValue("10") @Positive int perToken,
			@DefaultValue("PT1M") @NotNull @DurationMin(seconds = 1) Duration window) {
	}

}
