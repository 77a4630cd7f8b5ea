package io.shinrai.account;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.CronSchedule;

/**
 * {@code shinrai.admin.password} ({@code SHINRAI_ADMIN_PASSWORD}): the first admin's
 * password, random when empty; {@code shinrai.session.cleanup-cron} and
 * {@code cleanup-lock-at-least-for}: when expired sessions are deleted. The sign-in
 * throttle's settings are {@link LoginThrottle.Settings}.
 */
@Validated
@ConfigurationProperties("shinrai")
record AccountProperties(@Valid @DefaultValue Admin admin, @Valid @DefaultValue Session session) {

	record Admin(@DefaultValue("") String password) {
	}

	record Session(@NotNull @CronSchedule String cleanupCron, @NotNull Duration cleanupLockAtLeastFor) {
	}

}
