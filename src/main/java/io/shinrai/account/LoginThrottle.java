package io.shinrai.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;

/**
 * Slows down whoever sends wrong passwords, without ever locking the user out.
 * <p>
 * Failures are counted per (user name, client address) and, more coarsely, per client
 * address (for one sender trying many names), in the database so every app instance sees
 * them. After {@code free-failures} failures in a row each further one makes that sender
 * wait before it may try again: {@code first-delay}, then twice as long each time, up to
 * {@code max-delay}. A correct password from another address is never affected, so an
 * attacker cannot keep a user out; a correct password from the same address after the
 * wait signs in and forgets that address's failures for the user. A burst of failures
 * that goes quiet for {@code forget-after} is forgotten. User names that do not exist are
 * counted alike, so the answers never tell whether a user exists.
 * <p>
 * Admins see bursts in the audit log: one event when a sender starts being delayed and
 * one each time its failures grow tenfold, never one per attempt.
 */
@Component
class LoginThrottle {

	/** Audit actor of failed sign-ins: who sent them is not known. */
	static final String ANONYMOUS = "anonymous";

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Settings settings;

	private final Clock clock;

	private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.EPOCH);

	LoginThrottle(JdbcClient jdbc, AuditLog audit, Settings settings, Clock clock) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * {@code shinrai.login.*} ({@code SHINRAI_LOGIN_FREE_FAILURES} and so on, see the
	 * class comment), checked at start-up.
	 */
	@Validated
	@ConfigurationProperties("shinrai.login")
	record Settings(@DefaultValue("5") @PositiveOrZero int freeFailures,
			@DefaultValue("30") @PositiveOrZero int addressFreeFailures,
			@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration firstDelay,
			@DefaultValue("10m") @NotNull @DurationMin(millis = 1) Duration maxDelay,
			@DefaultValue("1h") @NotNull @DurationMin(millis = 1) Duration forgetAfter) {

		/**
		 * How long a sender waits after its {@code failures}-th failure, when
		 * {@code free} are free.
		 */
		Duration delayAfter(int failures, int free) {
			if (failures <= free) {
				return Duration.ZERO;
			}
			int doublings = Math.min(failures - free - 1, 30);
			Duration delay = firstDelay.multipliedBy(1L << doublings);
			return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
		}

	}

	/**
	 * What the throttle knows of this sender and user name, in one statement: how long it
	 * must still wait, if at all, and whether it has failures on record (a success then
	 * clears them). An API client signs in on every request, so this is its only cost.
	 */
	Standing standing(String username, String address) {
		Instant now = clock.instant();
		List<Standing> rows = jdbc.sql("""
				select max(blocked_until) filter (where blocked_until > :now) as blocked_until,
				  bool_or(scope = 'U') as failed
				from login_throttle
				where ((scope = 'U' and username = :name) or (scope = 'A' and username = '')) and address = :address
				""")
			.param("name", name(username))
			.param("address", address(address))
			.param("now", Timestamp.from(now))
			.query((rs, n) -> {
				Timestamp until = rs.getTimestamp("blocked_until");
				return new Standing(
						until == null ? Optional.empty() : Optional.of(Duration.between(now, until.toInstant())),
						rs.getBoolean("failed"));
			})
			.list();
		return rows.isEmpty() ? new Standing(Optional.empty(), false) : rows.get(0);
	}

	/**
	 * A sender's standing: how long it must still wait before trying, and whether it has
	 * failures on record for the user name.
	 */
	record Standing(Optional<Duration> delay, boolean failedBefore) {
	}

	/** How long this sender must still wait before trying this user name, if at all. */
	Optional<Duration> waitBefore(String username, String address) {
		return standing(username, address).delay();
	}

	/**
	 * Whether this sender has failures on record for this user name (a success then
	 * clears them).
	 */
	boolean failedBefore(String username, String address) {
		return standing(username, address).failedBefore();
	}

	/**
	 * Records a failure; returns how long this sender now has to wait (zero while
	 * failures are still free).
	 */
	@Transactional
	Duration recordFailure(String username, String address) {
		Instant now = clock.instant();
		String name = name(username);
		String from = address(address);
		int failures = count("U", name, from, now);
		int fromAddress = count("A", "", from, now);
		Duration userDelay = settings.delayAfter(failures, settings.freeFailures());
		Duration addressDelay = settings.delayAfter(fromAddress, settings.addressFreeFailures());
		block("U", name, from, now.plus(userDelay), userDelay);
		block("A", "", from, now.plus(addressDelay), addressDelay);
		if (startsOrGrowsBurst(failures, settings.freeFailures())) {
			audit.record(ANONYMOUS, AuditType.LOGIN_FAILURES, "'" + name + "' from " + from,
					failures + " failed sign-ins in a row for user name '" + name + "' from " + from
							+ "; each further attempt now waits " + describe(userDelay) + " or more");
		}
		if (startsOrGrowsBurst(fromAddress, settings.addressFreeFailures())) {
			audit.record(ANONYMOUS, AuditType.LOGIN_FAILURES, from, fromAddress + " failed sign-ins from " + from
					+ " (any user name); every attempt from there now waits " + describe(addressDelay) + " or more");
		}
		cleanUp(now);
		return userDelay.compareTo(addressDelay) >= 0 ? userDelay : addressDelay;
	}

	/**
	 * After a correct password: this sender's failures for this user name are forgotten.
	 */
	void reset(String username, String address) {
		jdbc.sql("delete from login_throttle where scope = 'U' and username = :name and address = :address")
			.param("name", name(username))
			.param("address", address(address))
			.update();
	}

	/**
	 * Forgets every sender's failures for this user name (its password was just reset).
	 */
	void forget(String username) {
		jdbc.sql("delete from login_throttle where scope = 'U' and username = :name")
			.param("name", name(username))
			.update();
	}

	private int count(String scope, String name, String address, Instant now) {
		return jdbc.sql("""
				insert into login_throttle as t (scope, username, address, failures, last_failure_at)
				values (:scope, :name, :address, 1, :now)
				on conflict (scope, username, address) do update set
				  failures = case when t.last_failure_at < :forgetBefore then 1 else t.failures + 1 end,
				  last_failure_at = :now
				returning failures
				""")
			.param("scope", scope)
			.param("name", name)
			.param("address", address)
			.param("now", Timestamp.from(now))
			.param("forgetBefore", Timestamp.from(now.minus(settings.forgetAfter())))
			.query(Integer.class)
			.single();
	}

	private void block(String scope, String name, String address, Instant until, Duration delay) {
		if (delay.isZero()) {
			return;
		}
		jdbc.sql(
				"update login_throttle set blocked_until = :until where scope = :scope and username = :name and address = :address")
			.param("until", Timestamp.from(until))
			.param("scope", scope)
			.param("name", name)
			.param("address", address)
			.update();
	}

	/** The first delayed failure of a burst, and every tenfold of it. */
	private static boolean startsOrGrowsBurst(int failures, int free) {
		long step = free + 1L;
		while (step < failures) {
			step *= 10;
		}
		return step == failures;
	}

	/**
	 * Forgotten bursts go, at most once a minute, so names made up by an attacker do not
	 * pile up.
	 */
	private void cleanUp(Instant now) {
		Instant last = lastCleanup.get();
		if (Duration.between(last, now).compareTo(CLEANUP_INTERVAL) < 0 || !lastCleanup.compareAndSet(last, now)) {
			return;
		}
		jdbc.sql(
				"delete from login_throttle where last_failure_at < :forgetBefore and (blocked_until is null or blocked_until < :now)")
			.param("forgetBefore", Timestamp.from(now.minus(settings.forgetAfter())))
			.param("now", Timestamp.from(now))
			.update();
	}

	private static String describe(Duration delay) {
		return delay.toSeconds() < 120 ? delay.toSeconds() + " s" : delay.toMinutes() + " min";
	}

	private static String name(String username) {
		String trimmed = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
		return trimmed.length() > 64 ? trimmed.substring(0, 64) : trimmed;
	}

	private static String address(String address) {
		String known = address == null || address.isBlank() ? "unknown" : address;
		return known.length() > 64 ? known.substring(0, 64) : known;
	}

}
