package io.shinrai.backup;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled backup: by default daily at 03:15 in the business time zone, when nobody
 * logs feedback. The ShedLock lock, held for at least a minute, makes several instances
 * take one backup per run rather than one each. A failure is audited and announced to the
 * admins by {@link Backups}; the next run tries again.
 */
@Component
class BackupJob {

	static final String LOCK_NAME = "backup-scheduled";

	private final Backups backups;

	BackupJob(Backups backups) {
		this.backups = backups;
	}

	@Scheduled(cron = "${shinrai.backup.cron:0 15 3 * * *}", zone = "${shinrai.business-time-zone:Asia/Tokyo}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "${shinrai.backup.lock-at-most-for:PT3H}",
			lockAtLeastFor = "${shinrai.backup.lock-at-least-for:PT1M}")
	public void takeScheduledBackup() {
		LockAssert.assertLocked();
		try {
			backups.take(Backup.Kind.SCHEDULED, Backups.SYSTEM);
		}
		catch (BackupFailedException | BackupRunningException ex) {
			// logged, audited and announced where it happened; rotation still keeps
			// within its horizon
			backups.rotate();
		}
	}

}
