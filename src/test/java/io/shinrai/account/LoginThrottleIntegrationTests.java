package io.shinrai.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import io.shinrai.IntegrationTest;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditQuery;
import io.shinrai.audit.AuditType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle's arithmetic over time, on the real database, with a clock the test moves.
 */
@IntegrationTest
class LoginThrottleIntegrationTests {

	private static final LoginThrottle.Settings SETTINGS = new LoginThrottle.Settings(3, 5, Duration.ofSeconds(1),
			Duration.ofSeconds(30), Duration.ofMinutes(10));

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private AuditLog audit;

	@Autowired
	private TransactionTemplate transactions;

	private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final String address = "10.88." + ThreadLocalRandom.current().nextInt(256) + "."
			+ ThreadLocalRandom.current().nextInt(256);

	private final String name = "someone-" + System.nanoTime();

	@Test
	void delaysGrowTwofoldFromTheFirstDelayedFailureUpToTheMaximum() {
		assertThat(SETTINGS.delayAfter(1, 3)).isZero();
		assertThat(SETTINGS.delayAfter(3, 3)).isZero();
		assertThat(SETTINGS.delayAfter(4, 3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(SETTINGS.delayAfter(5, 3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(SETTINGS.delayAfter(8, 3)).isEqualTo(Duration.ofSeconds(16));
		assertThat(SETTINGS.delayAfter(9, 3)).isEqualTo(Duration.ofSeconds(30));
		assertThat(SETTINGS.delayAfter(1_000_000, 3)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aSenderWaitsOnlyUntilItsDelayHasPassed() {
		LoginThrottle throttle = throttle();
		for (int i = 0; i < 3; i++) {
			assertThat(fail(throttle, name)).isZero();
		}
		assertThat(fail(throttle, name)).isEqualTo(Duration.ofSeconds(1));
		assertThat(throttle.waitBefore(name, address)).contains(Duration.ofSeconds(1));
		assertThat(throttle.waitBefore(name, "10.99.0.1")).isEmpty();
		clock.advance(Duration.ofMillis(999));
		assertThat(throttle.waitBefore(name, address)).contains(Duration.ofMillis(1));
		clock.advance(Duration.ofMillis(1));
		assertThat(throttle.waitBefore(name, address)).isEmpty();
		assertThat(fail(throttle, name)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void oneStatementTellsTheWaitAndWhetherThereAreFailuresToForget() {
		LoginThrottle throttle = throttle();
		assertThat(throttle.standing(name, address)).isEqualTo(new LoginThrottle.Standing(Optional.empty(), false));
		fail(throttle, name);
		assertThat(throttle.standing(name, address).failedBefore()).isTrue();
		assertThat(throttle.standing(name, address).delay()).isEmpty();
		// the address's failures delay another name but are not that name's to forget
		assertThat(throttle.standing("another-" + name, address).failedBefore()).isFalse();
		assertThat(throttle.standing(name, "10.99.0.2").failedBefore()).isFalse();
		for (int i = 0; i < 3; i++) {
			fail(throttle, name);
		}
		assertThat(throttle.standing(name, address))
			.isEqualTo(new LoginThrottle.Standing(Optional.of(Duration.ofSeconds(1)), true));
		throttle.reset(name, address);
		assertThat(throttle.standing(name, address).failedBefore()).isFalse();
	}

	@Test
	void aQuietBurstIsForgotten() {
		LoginThrottle throttle = throttle();
		for (int i = 0; i < 4; i++) {
			fail(throttle, name);
		}
		clock.advance(Duration.ofMinutes(11));
		assertThat(fail(throttle, name)).isZero();
	}

	@Test
	void oneAddressTryingManyNamesIsSlowedDownAsAWholeAndAuditedOnce() {
		LoginThrottle throttle = throttle();
		for (int i = 0; i < 5; i++) {
			assertThat(fail(throttle, name + "-" + i)).isZero();
		}
		assertThat(fail(throttle, name + "-5")).isEqualTo(Duration.ofSeconds(1));
		assertThat(throttle.waitBefore("anyone-else", address)).contains(Duration.ofSeconds(1));
		clock.advance(Duration.ofSeconds(1));
		fail(throttle, name + "-6");
		long events = audit.search(new AuditQuery(AuditType.LOGIN_FAILURES, null, null, null), 1, 1000)
			.events()
			.stream()
			.filter(event -> event.subject().equals(address))
			.count();
		assertThat(events).isEqualTo(1);
	}

	private Duration fail(LoginThrottle throttle, String username) {
		return transactions.execute(status -> throttle.recordFailure(username, address));
	}

	private LoginThrottle throttle() {
		return new LoginThrottle(jdbc, audit, SETTINGS, clock);
	}

	private static final class MovableClock extends Clock {

		private Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return now;
		}

	}

}
