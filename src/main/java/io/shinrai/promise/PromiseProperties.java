package io.shinrai.promise;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.JobSchedule;

/**
 * {@code shinrai.promise.*}: {@code due-soon} ({@code SHINRAI_PROMISE_DUESOON}), how
 * close to its due time a promise counts as due soon; {@code broken-check.*}, when the
 * job that breaks promises past their due time runs and how long its lock is held.
 * Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.promise")
record PromiseProperties(@DefaultValue("PT48H") @NotNull @DurationMin(minutes = 1) Duration dueSoon,
		@Valid @NotNull JobSchedule brokenCheck) {
}
