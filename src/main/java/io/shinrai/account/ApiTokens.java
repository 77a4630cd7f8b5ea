package io.shinrai.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.NotFoundException;

/**
 * Personal access tokens for the JSON API: each user creates, lists and revokes their
 * own. A token is {@value #PREFIX} followed by 256 random bits (base64url); only its
 * SHA-256 is stored, so a token that was not copied when it was shown is gone. A token
 * acts with its user's role at the time of each request, never more, and stops working
 * when it expires, is revoked or its user is disabled. Creating and revoking are audited.
 */
@Service
@Transactional
public class ApiTokens {

	/** How every token starts, so that secret scanners and people recognise one. */
	static final String PREFIX = "shinrai_pat_";

	static final int NAME_MAX_LENGTH = 100;

	private static final int START_LENGTH = PREFIX.length() + 4;

	private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

	private final SecureRandom random = new SecureRandom();

	private final ApiTokenRepository tokens;

	private final UserAccountRepository users;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final ApiProperties properties;

	private final Clock clock;

	ApiTokens(ApiTokenRepository tokens, UserAccountRepository users, JdbcClient jdbc, AuditLog audit,
			ApiProperties properties, Clock clock) {
		this.tokens = tokens;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * A token just created: {@link #secret()} is the token itself, which is never
	 * available again.
	 */
	public record CreatedToken(ApiToken token, String secret) {
	}

	/** The outcome of presenting a token. */
	sealed interface Check {

		record Valid(ApiToken token, UserAccount user) implements Check {
		}

		/**
		 * Unknown, expired, revoked, or its user is disabled: {@code reason} says which,
		 * for the answer.
		 */
		record Refused(Reason reason) implements Check {
		}

	}

	enum Reason {

		UNKNOWN, EXPIRED, REVOKED, USER_DISABLED

	}

	/**
	 * Creates a token for {@code username}.
	 * @param lifetime how long it is valid; {@code null} for
	 * {@code shinrai.api.token-lifetime}
	 * @param notAfter the latest expiry allowed (the expiry of the token that asks for
	 * this one), or {@code null}
	 * @throws ApiTokenRefused when the name is blank or too long, the lifetime out of
	 * range, or the user has too many
	 */
	public CreatedToken create(String username, String name, TokenAccess access, Duration lifetime, Instant notAfter,
			String actor) {
		UserAccount user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("user " + username));
		String label = name == null ? "" : name.strip();
		if (label.isEmpty()) {
			throw new ApiTokenRefused("name", "tokens.name.required");
		}
		if (label.length() > NAME_MAX_LENGTH || !label.codePoints().noneMatch(Character::isISOControl)) {
			throw new ApiTokenRefused("name", "tokens.name.invalid", NAME_MAX_LENGTH);
		}
		if (access == null) {
			throw new ApiTokenRefused("access", "tokens.access.required");
		}
		Duration validFor = lifetime == null ? properties.tokenLifetime() : lifetime;
		long maxDays = properties.tokenMaxLifetime().toDays();
		if (validFor.compareTo(Duration.ofDays(1)) < 0 || validFor.compareTo(properties.tokenMaxLifetime()) > 0) {
			throw new ApiTokenRefused("expiresInDays", "tokens.expiry.range", maxDays);
		}
		Instant now = clock.instant();
		Instant expiresAt = now.plus(validFor);
		if (notAfter != null && expiresAt.isAfter(notAfter)) {
			throw new ApiTokenRefused("expiresInDays", "tokens.expiry.afterCreator");
		}
		if (tokens.countActive(user.getId(), now) >= properties.maxTokensPerUser()) {
			throw new ApiTokenRefused("name", "tokens.tooMany", properties.maxTokensPerUser());
		}
		byte[] bits = new byte[32];
		random.nextBytes(bits);
		String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
		ApiToken token = tokens.save(new ApiToken(user.getId(), label, access, hash(secret),
				secret.substring(0, START_LENGTH), now, expiresAt));
		audit.record(actor, AuditType.API_TOKEN_CREATED, user.getUsername(),
				"API token '" + label + "' (" + access + ", until " + expiresAt + ")", null, "name: " + label
						+ "\naccess: " + access + "\nexpires: " + expiresAt + "\nstarts: " + token.getTokenStart());
		return new CreatedToken(token, secret);
	}

	/** The user's tokens, newest first, revoked and expired ones included. */
	@Transactional(readOnly = true)
	public List<ApiToken> list(String username) {
		return users.findByUsername(username).map(user -> tokens.findByUser(user.getId())).orElse(List.of());
	}

	/**
	 * Revokes one of the user's tokens at once: its next request is refused.
	 * @throws NotFoundException when the user has no token with this id
	 */
	public ApiToken revoke(String username, long id, String actor) {
		UserAccount user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("user " + username));
		ApiToken token = tokens.findById(id)
			.filter(candidate -> candidate.getUserId().equals(user.getId()))
			.orElseThrow(() -> new NotFoundException("token " + id));
		if (token.revoke(clock.instant(), actor)) {
			audit.record(actor, AuditType.API_TOKEN_REVOKED, user.getUsername(),
					"API token '" + token.getName() + "' revoked", "active", "revoked");
		}
		return token;
	}

	/** Whether {@code secret} is a token that may be used now, and whose. */
	@Transactional(readOnly = true)
	Check check(String secret) {
		if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
			return new Check.Refused(Reason.UNKNOWN);
		}
		Optional<ApiToken> found = tokens.findByTokenHash(hash(secret));
		if (found.isEmpty()) {
			return new Check.Refused(Reason.UNKNOWN);
		}
		ApiToken token = found.get();
		switch (token.stateAt(clock.instant())) {
			case REVOKED:
				return new Check.Refused(Reason.REVOKED);
			case EXPIRED:
				return new Check.Refused(Reason.EXPIRED);
			default:
				break;
		}
		Optional<UserAccount> user = users.findById(token.getUserId()).filter(UserAccount::isEnabled);
		return user.<Check>map(account -> new Check.Valid(token, account))
			.orElseGet(() -> new Check.Refused(Reason.USER_DISABLED));
	}

	/**
	 * Records that the token was used now; written at most once a minute per token, not
	 * on every request.
	 */
	void markUsed(ApiToken token) {
		Instant now = clock.instant();
		jdbc.sql("""
				update api_token set last_used_at = :now
				where id = :id and (last_used_at is null or last_used_at < :staleBefore)
				""")
			.param("now", Timestamp.from(now))
			.param("staleBefore", Timestamp.from(now.minus(LAST_USED_RESOLUTION)))
			.param("id", token.getId())
			.update();
	}

	static String hash(String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
