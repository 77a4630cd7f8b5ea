package io.shinrai.notification;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.CronSchedule;
import io.shinrai.system.JobSchedule;

/**
 * The notification module's settings, checked at start-up: {@code shinrai.mail.*} (the
 * waits between attempts of a mail and the outbox poller's schedule; the sender is
 * {@link io.shinrai.system.OutboundProperties}), {@code shinrai.webhooks.*} (private
 * targets, time per call, waits between attempts, the poller's schedule) and
 * {@code shinrai.notifications.*} (the daily digest's schedule and local time, the
 * resubmission of incomplete event publications). More in {@code docs/notifications.md}.
 */
@Validated
@ConfigurationProperties("shinrai")
record NotificationProperties(@Valid @NotNull Mail mail, @Valid @NotNull Webhooks webhooks,
		@Valid @NotNull Notifications notifications) {

	record Mail(@DefaultValue(RetrySchedule.DEFAULT) @NotEmpty List<@NotNull Duration> retryDelays,
			@Valid @NotNull JobSchedule dispatch) {
	}

	record Webhooks(@DefaultValue("false") boolean allowPrivate,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration timeout,
			@DefaultValue(RetrySchedule.DEFAULT) @NotEmpty List<@NotNull Duration> retryDelays,
			@Valid @NotNull JobSchedule dispatch) {
	}

	record Notifications(@Valid @NotNull Digest digest, @Valid @NotNull JobSchedule resubmission,
			@DefaultValue("PT5M") @NotNull @DurationMin(seconds = 1) Duration resubmitOlderThan) {
	}

	/**
	 * From {@code time} (business time zone) on, each user's digest is sent once a day;
	 * checked by {@code cron}.
	 */
	record Digest(@NotNull @CronSchedule String cron, @DefaultValue("08:00") @NotNull LocalTime time) {
	}

}
