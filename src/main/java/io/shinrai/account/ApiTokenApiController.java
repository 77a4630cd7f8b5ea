package io.shinrai.account;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.ApiProblems;
import io.shinrai.system.NotFoundException;

/**
 * {@code /api/v1/tokens}: the caller's own personal access tokens. The token itself is
 * only in the answer to its creation. A token may create another only within its own
 * expiry, so a leaked token cannot outlive itself.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class ApiTokenApiController {

	private final ApiTokens tokens;

	private final ApiProblems problems;

	private final Clock clock;

	ApiTokenApiController(ApiTokens tokens, ApiProblems problems, Clock clock) {
		this.tokens = tokens;
		this.problems = problems;
		this.clock = clock;
	}

	@GetMapping
	List<TokenResource> list(Authentication authentication) {
		Instant now = clock.instant();
		return tokens.list(authentication.getName()).stream().map(token -> TokenResource.of(token, now, null)).toList();
	}

	@PostMapping
	ResponseEntity<TokenResource> create(@RequestBody TokenRequest request, Authentication authentication) {
		Instant notAfter = authentication instanceof ApiTokenAuthentication token ? token.expiresAt() : null;
		Duration lifetime = request.expiresInDays() == null ? null : Duration.ofDays(request.expiresInDays());
		ApiTokens.CreatedToken created = tokens.create(authentication.getName(), request.name(), request.access(),
				lifetime, notAfter, authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.token().getId()))
			.body(TokenResource.of(created.token(), clock.instant(), created.secret()));
	}

	@DeleteMapping("/{id:\\d+}")
	ResponseEntity<Void> revoke(@PathVariable long id, Authentication authentication) {
		tokens.revoke(authentication.getName(), id, authentication.getName());
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ApiTokenRefused ex, Locale locale) {
		return problems.refused(ex, "tokens.api.invalid", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex, Locale locale) {
		return problems.problem(HttpStatus.NOT_FOUND, "tokens.api.notFound", locale, null);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problems.unreadable("tokens.api.invalid", "tokens.api.unreadable", locale);
	}

	/**
	 * @param access {@code READ} (only {@code GET}) or {@code READ_WRITE}
	 * @param expiresInDays days until it expires; without it,
	 * {@code shinrai.api.token-lifetime}
	 */
	record TokenRequest(String name, TokenAccess access, Integer expiresInDays) {
	}

	/** A token as its owner sees it; {@code token} only in the answer to its creation. */
	record TokenResource(long id, String name, TokenAccess access, String state, String tokenStart, Instant createdAt,
			Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String token) {

		static TokenResource of(ApiToken token, Instant now, String secret) {
			return new TokenResource(token.getId(), token.getName(), token.getAccess(), token.stateAt(now).name(),
					token.getTokenStart(), token.getCreatedAt(), token.getExpiresAt(), token.getLastUsedAt(),
					token.getRevokedAt(), secret);
		}

	}

}
