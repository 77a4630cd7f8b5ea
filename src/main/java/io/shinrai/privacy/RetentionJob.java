package io.shinrai.privacy;

import java.time.Clock;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies the active retention settings once a night (by default 03:30 in the server's
 * zone; {@code -} switches it off in an instance). The ShedLock lock keeps several
 * instances from running it at once; a run is idempotent. It logs counts only, never what
 * it emptied or whom it erased.
 */
@Component
class RetentionJob {

	static final String LOCK_NAME = "privacy-retention";

	private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

	private final Retention retention;

	private final Clock clock;

	/** Takes its settings so that they are checked before the scheduler reads them. */
	RetentionJob(Retention retention, Clock clock, PrivacyProperties properties) {
		this.clock = clock;
		this.retention = retention;
	}

	@Scheduled(cron = "${shinrai.privacy.retention.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "${shinrai.privacy.retention.lock-at-most-for}",
			lockAtLeastFor = "${shinrai.privacy.retention.lock-at-least-for}")
	public void applyRetention() {
		LockAssert.assertLocked();
		RetentionPreview done = retention.apply(clock.instant());
		if (done.texts() + done.notes() + done.customers() > 0) {
			log.info("Retention emptied {} texts and {} recovery notes and erased {} customers", done.texts(),
					done.notes(), done.customers());
		}
	}

}
