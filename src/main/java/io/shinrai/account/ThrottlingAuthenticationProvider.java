package io.shinrai.account;

import java.time.Duration;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password authentication that makes a sender of wrong passwords wait
 * ({@link LoginThrottle}), for the form and HTTP Basic alike. A disabled account fails
 * exactly like a wrong password (same answer, counted alike), so a sign-in attempt never
 * reveals that an account exists but is disabled. When the database cannot be reached the
 * attempt fails with an {@link InternalAuthenticationServiceException}, which the
 * security configuration answers with 503, never as a wrong password.
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
		String address = clientAddress(authentication);
		try {
			LoginThrottle.Standing standing = throttle.standing(username, address);
			if (standing.delay().isPresent()) {
				throw new LoginThrottledException(standing.delay().get());
			}
			try {
				Authentication result = delegate.authenticate(authentication);
				// only earlier failures need forgetting: an API client signs in on every
				// request
				if (standing.failedBefore()) {
					throttle.reset(username, address);
				}
				return result;
			}
			catch (BadCredentialsException | AccountStatusException ex) {
				Duration delay = throttle.recordFailure(username, address);
				if (!delay.isZero()) {
					throw new LoginThrottledException(delay);
				}
				throw (ex instanceof BadCredentialsException bad) ? bad
						: new BadCredentialsException("Bad credentials");
			}
		}
		catch (DataAccessException ex) {
			throw new InternalAuthenticationServiceException("The user database cannot be reached", ex);
		}
	}

	/**
	 * The request's remote address: the proxy's view of the client when forwarded headers
	 * are trusted.
	 */
	private static String clientAddress(Authentication authentication) {
		return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress()
				: null;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
