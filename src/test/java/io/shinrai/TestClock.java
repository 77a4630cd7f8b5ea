package io.shinrai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * The application's clock in integration tests: it follows the system clock (in
 * microseconds, as the application's does) until a test {@linkplain #set(Instant) sets}
 * or {@linkplain #advance(Duration) advances} it, and from there runs on. After each test
 * method it follows the system clock again ({@link Reset}), so a test that moved time
 * cannot leak it into the next one.
 */
public final class TestClock extends Clock {

	private static final Clock SYSTEM = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));

	private volatile Duration offset = Duration.ZERO;

	/** From now on the clock reads {@code instant}, then runs on from it. */
	public void set(Instant instant) {
		offset = Duration.between(SYSTEM.instant(), instant);
	}

	/** Moves the clock by {@code amount} (backwards when negative). */
	public void advance(Duration amount) {
		offset = offset.plus(amount);
	}

	/**
	 * Runs {@code work} with the clock reading {@code instant} (then running on), and
	 * puts the clock back where it was. Such runs take turns, so that concurrent ones do
	 * not move the clock under each other.
	 */
	public synchronized <T> T at(Instant instant, java.util.function.Supplier<T> work) {
		Duration before = offset;
		set(instant);
		try {
			return work.get();
		}
		finally {
			offset = before;
		}
	}

	/** Follows the system clock again. */
	public void reset() {
		offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		return SYSTEM.instant().plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// read through this clock, so that a clock in another zone moves with it
		TestClock self = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return self.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return self.withZone(other);
			}

		};
	}

	/** Makes the {@link TestClock} the application's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

	/**
	 * Puts the clock back after every test method (registered in
	 * {@code META-INF/spring.factories}).
	 */
	public static class Reset implements TestExecutionListener {

		@Override
		public void afterTestMethod(TestContext testContext) {
			if (testContext.hasApplicationContext()) {
				testContext.getApplicationContext().getBeanProvider(TestClock.class).ifAvailable(TestClock::reset);
			}
		}

	}

}
