package io.shinrai.system;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's one clock: UTC, ticking in microseconds as PostgreSQL stores times,
 * so an instant read back from the database equals the one written. Services take it by
 * constructor; a test moves time by defining its own.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
	}

}
