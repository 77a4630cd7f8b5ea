package io.shinrai.recovery;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.JobSchedule;

/**
 * {@code shinrai.recovery.overdue-check.*} ({@code SHINRAI_RECOVERY_OVERDUECHECK_CRON}
 * and so on): when the job that flags overdue cases runs and how long its lock is held.
 * Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.recovery")
record RecoveryProperties(@Valid @NotNull JobSchedule overdueCheck) {
}
