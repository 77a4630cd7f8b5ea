package io.shinrai.insight;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.CronSchedule;
import io.shinrai.system.JobSchedule;

/**
 * {@code shinrai.insight.*}: {@code terms.*}, how often queued comments' terms are
 * counted and how much each run does; {@code warning-check.*}, when the early-warning
 * check runs (in the business time zone) and how long its lock is held. Checked at
 * start-up.
 */
@Validated
@ConfigurationProperties("shinrai.insight")
record InsightProperties(@Valid @NotNull Terms terms, @Valid @NotNull JobSchedule warningCheck) {

	record Terms(@NotNull @CronSchedule String catchUpCron, @DefaultValue("1000") @Positive int batchSize,
			@DefaultValue("10") @Positive int batchesPerRun) {
	}

}
