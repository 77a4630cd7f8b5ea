package io.shinrai.insight;

import java.time.Clock;
import java.util.List;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the early-warning check once a week (Monday 06:00 in the business time zone by
 * default). The ShedLock lock keeps several instances from running it at once, and a
 * warning is recorded once per scope and week, so a second run records nothing new.
 */
@Component
class TrustWarningJob {

	static final String LOCK_NAME = "insight-warning-check";

	private static final Logger log = LoggerFactory.getLogger(TrustWarningJob.class);

	private final EarlyWarnings warnings;

	private final Clock clock;

	/** Takes its settings so that they are checked before the scheduler reads them. */
	TrustWarningJob(EarlyWarnings warnings, Clock clock, InsightProperties properties) {
		this.clock = clock;
		this.warnings = warnings;
	}

	@Scheduled(cron = "${shinrai.insight.warning-check.cron}", zone = "${shinrai.business-time-zone}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT30M",
			lockAtLeastFor = "${shinrai.insight.warning-check.lock-at-least-for}")
	public void checkTrust() {
		LockAssert.assertLocked();
		List<EarlyWarnings.Warning> raised = warnings.check(clock.instant());
		log.info("Early warning check: {} new warnings", raised.size());
	}

}
