package io.shinrai.account;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Signs API requests in with {@code Authorization: Bearer <personal access token>}. A
 * token that is unknown, expired or revoked, or whose user is disabled, gets 401
 * problem+json; a read token gets 403 on anything but reading. Bad tokens count as failed
 * sign-ins of their sender ({@link LoginThrottle}, under one name for all tokens), so a
 * sender guessing tokens waits like one guessing passwords. Requests without a bearer
 * token pass on to HTTP Basic.
 */
class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	/**
	 * The throttle's user name for token failures: not a valid user name, so it never
	 * shares a real user's count.
	 */
	static final String THROTTLE_NAME = "(api token)";

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final ApiTokens tokens;

	private final LoginThrottle throttle;

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	ApiTokenAuthenticationFilter(ApiTokens tokens, LoginThrottle throttle, MessageSource messages,
			LocaleResolver locales) {
		this.tokens = tokens;
		this.throttle = throttle;
		this.messages = messages;
		this.locales = locales;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String secret = BearerToken.of(request);
		if (secret == null) {
			chain.doFilter(request, response);
			return;
		}
		String address = request.getRemoteAddr();
		Locale locale = locales.resolveLocale(request);
		ApiTokens.Check check;
		try {
			LoginThrottle.Standing standing = throttle.standing(THROTTLE_NAME, address);
			if (standing.delay().isPresent()) {
				throttled(response, new LoginThrottledException(standing.delay().get()), locale);
				return;
			}
			check = tokens.check(secret);
			if (check instanceof ApiTokens.Check.Refused refused) {
				Duration delay = throttle.recordFailure(THROTTLE_NAME, address);
				if (!delay.isZero()) {
					throttled(response, new LoginThrottledException(delay), locale);
					return;
				}
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
				problem(response, HttpStatus.UNAUTHORIZED, "tokens.api.refused." + refused.reason().name(), locale);
				return;
			}
			if (standing.failedBefore()) {
				throttle.reset(THROTTLE_NAME, address);
			}
		}
		catch (DataAccessException ex) {
			// the database is away: nothing is known about the token
			response.setHeader(HttpHeaders.RETRY_AFTER, "5");
			problem(response, HttpStatus.SERVICE_UNAVAILABLE, "tokens.api.unavailable", locale);
			return;
		}
		ApiTokens.Check.Valid valid = (ApiTokens.Check.Valid) check;
		if (valid.token().getAccess() == TokenAccess.READ && !READ_METHODS.contains(request.getMethod())) {
			problem(response, HttpStatus.FORBIDDEN, "tokens.api.readOnly", locale);
			return;
		}
		tokens.markUsed(valid.token());
		SecurityContext context = contexts.createEmptyContext();
		context.setAuthentication(new ApiTokenAuthentication(valid.token(), valid.user()));
		contexts.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			contexts.clearContext();
		}
	}

	private void throttled(HttpServletResponse response, LoginThrottledException ex, Locale locale) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()));
		problem(response, HttpStatus.TOO_MANY_REQUESTS, "tokens.api.throttled", locale);
	}

	private void problem(HttpServletResponse response, HttpStatus status, String titleKey, Locale locale)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		String title = messages.getMessage(titleKey, null, locale).replace("\\", "\\\\").replace("\"", "\\\"");
		response.getWriter().write("{\"status\":" + status.value() + ",\"title\":\"" + title + "\"}");
	}

}
