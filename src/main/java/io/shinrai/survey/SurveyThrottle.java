package io.shinrai.survey;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.stereotype.Component;

/**
 * Rate limits of the public survey page, in fixed windows: at most {@code perAddress}
 * requests from one client address and at most {@code perToken} requests for one token
 * per window. Counted in this instance's memory (bounded), so with several instances each
 * allows that much; enough to stop someone guessing tokens or flooding one link.
 */
@Component
class SurveyThrottle {

	private static final int MAX_KEYS = 100_000;

	private final int perAddress;

	private final int perToken;

	private final Cache<String, AtomicInteger> counts;

	SurveyThrottle(SurveyProperties properties) {
		this.perAddress = properties.rateLimit().perAddress();
		this.perToken = properties.rateLimit().perToken();
		this.counts = Caffeine.newBuilder()
			.expireAfterWrite(properties.rateLimit().window())
			.maximumSize(MAX_KEYS)
			.build();
	}

	/** Counts one request; whether it is within both limits. */
	boolean allow(String address, String token) {
		boolean addressOk = count("a:" + address) <= perAddress;
		boolean tokenOk = token == null || count("t:" + token) <= perToken;
		return addressOk && tokenOk;
	}

	/** Forgets every count (for tests that must not inherit another test's requests). */
	void reset() {
		counts.invalidateAll();
	}

	private int count(String key) {
		return counts.get(key, k -> new AtomicInteger()).incrementAndGet();
	}

}
