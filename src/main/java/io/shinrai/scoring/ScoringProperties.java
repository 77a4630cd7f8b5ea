package io.shinrai.scoring;

import io.shinrai.system.JobSchedule;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.scoring.*}: {@code trust-drop.points} (env
 * {@code SHINRAI_SCORING_TRUSTDROP_POINTS}, default 5) is how many points a customer's
 * trust must fall since the last check to raise a trust-drop event. Checked at start-up:
 * a value outside 0 (exclusive) to 100 stops the start with Spring Boot's message naming
 * the setting. {@code trust-watch.*}: when the trust watch runs
 * ({@code SHINRAI_SCORING_TRUSTWATCH_CRON}) and how long its lock is held.
 */
@Validated
@ConfigurationProperties("shinrai.scoring")
record ScoringProperties(@Valid @DefaultValue TrustDrop trustDrop, @Valid @NotNull JobSchedule trustWatch) {

	record TrustDrop(@DefaultValue("5") @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") double points) {
	}

}
