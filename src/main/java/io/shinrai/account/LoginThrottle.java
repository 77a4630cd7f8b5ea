package io.shinrai.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per user name in the database (so every app instance sees them) and locks a name after too
 * many. Names that do not exist are counted and locked alike, so a lock never tells whether a user exists.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final int maxFailures;

	private final Duration lockDuration;

	private final Clock clock;

	LoginThrottle(JdbcClient jdbc, @Value("${shinrai.login.max-failures:5}") int maxFailures,
			@Value("${shinrai.login.lock-duration:15m}") Duration lockDuration) {
		this.jdbc = jdbc;
		this.maxFailures = maxFailures;
		this.lockDuration = lockDuration;
		this.clock = Clock.systemUTC();
	}

	/** Where a user name stands: no failures on record, failures on record, or locked. */
	enum Standing {

		CLEAN, FAILED_BEFORE, LOCKED

	}

	Standing standing(String username) {
		return jdbc.sql("select locked_until from login_attempt where username = ?")
			.param(key(username))
			.query((rs, row) -> {
				Timestamp until = rs.getTimestamp(1);
				return until != null && until.toInstant().isAfter(clock.instant()) ? Standing.LOCKED
						: Standing.FAILED_BEFORE;
			})
			.optional()
			.orElse(Standing.CLEAN);
	}

	boolean isLocked(String username) {
		return standing(username) == Standing.LOCKED;
	}

	/** Records a failure; failures older than the lock duration no longer count. */
	void recordFailure(String username) {
		Instant now = clock.instant();
		Timestamp windowStart = Timestamp.from(now.minus(lockDuration));
		jdbc.sql("""
				insert into login_attempt as a (username, failures, first_failure_at, locked_until)
				values (:name, 1, :now, case when :max <= 1 then cast(:lockedUntil as timestamptz) end)
				on conflict (username) do update set
				  failures = case when a.first_failure_at < :windowStart then 1 else a.failures + 1 end,
				  first_failure_at = case when a.first_failure_at < :windowStart then :now else a.first_failure_at end,
				  locked_until = case
				    when (case when a.first_failure_at < :windowStart then 1 else a.failures + 1 end) >= :max
				    then cast(:lockedUntil as timestamptz) else a.locked_until end
				""")
			.param("name", key(username))
			.param("now", Timestamp.from(now))
			.param("max", maxFailures)
			.param("windowStart", windowStart)
			.param("lockedUntil", Timestamp.from(now.plus(lockDuration)))
			.update();
	}

	void reset(String username) {
		jdbc.sql("delete from login_attempt where username = ?").param(key(username)).update();
	}

	Duration lockDuration() {
		return lockDuration;
	}

	private static String key(String username) {
		String trimmed = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		return trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed;
	}

}
