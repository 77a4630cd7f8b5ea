package io.shinrai.notification;

import java.time.Duration;
import java.util.List;

/**
 * How long to wait before each retry: the first within a minute, then growing, over more
 * than a day in all by default (30 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: the last
 * attempt is about 28 hours after the first).
 */
record RetrySchedule(List<Duration> delays) {

	static final String DEFAULT = "30s,5m,30m,2h,5h,10h,10h";

	RetrySchedule {
		delays = List.copyOf(delays);
		if (delays.isEmpty()) {
			throw new IllegalArgumentException("at least one retry delay is needed");
		}
	}

	/** The attempts in all: the first and one per delay. */
	int maxAttempts() {
		return delays.size() + 1;
	}

	/**
	 * The wait after the {@code attempts}-th failed attempt, or {@code null} when that
	 * was the last one.
	 */
	Duration after(int attempts) {
		return attempts < maxAttempts() ? delays.get(attempts - 1) : null;
	}

}
