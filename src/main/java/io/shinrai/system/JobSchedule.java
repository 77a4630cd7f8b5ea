package io.shinrai.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

/**
 * When a scheduled job runs and how long its database lock (ShedLock) is held:
 * {@code cron} a Spring cron expression or {@code -} (off in this instance),
 * {@code lock-at-least-for} so that several instances run the job once per interval,
 * {@code lock-at-most-for} for a job whose instance died. The scheduler reads the same
 * settings by placeholder in {@code @Scheduled} and {@code @SchedulerLock}; their values
 * are in {@code application.properties}.
 */
public record JobSchedule(@NotNull @CronSchedule String cron, Duration lockAtLeastFor, Duration lockAtMostFor) {
}
