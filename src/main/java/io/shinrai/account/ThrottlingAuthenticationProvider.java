package io.shinrai.account;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Password authentication that refuses locked user names and counts failures, for the form and HTTP Basic alike.
 * A disabled account fails exactly like a wrong password (same answer, counted, locked alike), so a sign-in attempt
 * never reveals that an account exists but is disabled.
 */
class ThrottlingAuthenticationProvider implements AuthenticationProvider {

	private final DaoAuthenticationProvider delegate;

	private final LoginThrottle throttle;

	ThrottlingAuthenticationProvider(DaoAuthenticationProvider delegate, LoginThrottle throttle) {
		this.delegate = delegate;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String username = authentication.getName();
		LoginThrottle.Standing standing = throttle.standing(username);
		if (standing == LoginThrottle.Standing.LOCKED) {
			throw new LoginLockedException();
		}
		try {
			Authentication result = delegate.authenticate(authentication);
			// only earlier failures need forgetting: an API client signs in on every request
			if (standing == LoginThrottle.Standing.FAILED_BEFORE) {
				throttle.reset(username);
			}
			return result;
		}
		catch (BadCredentialsException | AccountStatusException ex) {
			throttle.recordFailure(username);
			if (throttle.isLocked(username)) {
				throw new LoginLockedException();
			}
			throw (ex instanceof BadCredentialsException bad) ? bad : new BadCredentialsException("Bad credentials");
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
