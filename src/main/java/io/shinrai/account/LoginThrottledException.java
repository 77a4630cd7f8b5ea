package io.shinrai.account;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed sign-ins from this sender: it has to wait before trying again. Says
 * nothing about whether the user exists, and does not concern other senders.
 */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed sign-ins from this address; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	/** How long to wait, rounded up to whole seconds (at least one). */
	long retryAfterSeconds() {
		long seconds = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
		return Math.max(1, seconds);
	}

}
