package io.shinrai.notification;

import java.time.Duration;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands event publications whose listener failed (a database hiccup, a bug fixed since)
 * to their listener again, every few minutes, in one instance at a time; this is also
 * what delivers what a crashed instance left, as start-up republishing is off (a starting
 * instance would hand over what another is still working on). Completed publications are
 * deleted as they complete ({@code spring.modulith.events.completion-mode=delete}); the
 * weekly clean-up only removes any completed under an earlier setting.
 */
@Component
class EventResubmission {

	static final String LOCK_NAME = "notification-event-resubmission";

	private final IncompleteEventPublications incomplete;

	private final CompletedEventPublications completed;

	private final Duration olderThan;

	EventResubmission(IncompleteEventPublications incomplete, CompletedEventPublications completed,
			NotificationProperties properties) {
		this.incomplete = incomplete;
		this.completed = completed;
		this.olderThan = properties.notifications().resubmitOlderThan();
	}

	@Scheduled(cron = "${shinrai.notifications.resubmission.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT10M", lockAtLeastFor = "PT1M")
	void scheduledRun() {
		LockAssert.assertLocked();
		resubmit();
	}

	void resubmit() {
		incomplete.resubmitIncompletePublicationsOlderThan(olderThan);
		completed.deletePublicationsOlderThan(Duration.ofDays(7));
	}

}
