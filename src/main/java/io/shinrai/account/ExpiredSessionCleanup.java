package io.shinrai.account;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.stereotype.Component;

/**
 * Deletes expired sessions from the database. Spring Session's own cleanup runs in every
 * instance at the same second of every minute, and deletes of overlapping rows running at
 * once can deadlock; under the scheduler lock one instance deletes per interval. An
 * expired session is refused on read anyway, so a late cleanup only costs space.
 */
@Component
class ExpiredSessionCleanup {

	static final String LOCK_NAME = "expired-sessions";

	private final JdbcIndexedSessionRepository sessions;

	/** Takes its settings so that they are checked before the scheduler reads them. */
	ExpiredSessionCleanup(JdbcIndexedSessionRepository sessions, AccountProperties properties) {
		this.sessions = sessions;
	}

	@Scheduled(cron = "${shinrai.session.cleanup-cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT5M",
			lockAtLeastFor = "${shinrai.session.cleanup-lock-at-least-for}")
	public void deleteExpiredSessions() {
		LockAssert.assertLocked();
		sessions.cleanUpExpiredSessions();
	}

}
