package io.shinrai.account;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user's personal access token for the JSON API. Only the token's SHA-256 is kept; the
 * token is shown once.
 */
@Entity
@Table(name = "api_token")
public class ApiToken {

	/** What a token's list shows as its state. */
	public enum State {

		ACTIVE, EXPIRED, REVOKED

	}

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "user_id", nullable = false, updatable = false)
	private Long userId;

	@Column(nullable = false, updatable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private TokenAccess access;

	@Column(name = "token_hash", nullable = false, updatable = false)
	private String tokenHash;

	@Column(name = "token_start", nullable = false, updatable = false)
	private String tokenStart;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "expires_at", nullable = false, updatable = false)
	private Instant expiresAt;

	// written by ApiTokens.markUsed with plain SQL, at most once a minute per token
	@Column(name = "last_used_at", insertable = false, updatable = false)
	private Instant lastUsedAt;

	@Column(name = "revoked_at")
	private Instant revokedAt;

	@Column(name = "revoked_by")
	private String revokedBy;

	protected ApiToken() {
	}

	ApiToken(Long userId, String name, TokenAccess access, String tokenHash, String tokenStart, Instant createdAt,
			Instant expiresAt) {
		this.userId = userId;
		this.name = name;
		this.access = access;
		this.tokenHash = tokenHash;
		this.tokenStart = tokenStart;
		this.createdAt = createdAt;
		this.expiresAt = expiresAt;
	}

	public Long getId() {
		return id;
	}

	Long getUserId() {
		return userId;
	}

	public String getName() {
		return name;
	}

	public TokenAccess getAccess() {
		return access;
	}

	String getTokenHash() {
		return tokenHash;
	}

	/** The token's first characters, enough to tell it apart from the owner's others. */
	public String getTokenStart() {
		return tokenStart;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getExpiresAt() {
		return expiresAt;
	}

	public Instant getLastUsedAt() {
		return lastUsedAt;
	}

	public Instant getRevokedAt() {
		return revokedAt;
	}

	public State stateAt(Instant now) {
		if (revokedAt != null) {
			return State.REVOKED;
		}
		return now.isBefore(expiresAt) ? State.ACTIVE : State.EXPIRED;
	}

	/** Revokes the token; revoking it again changes nothing. */
	boolean revoke(Instant now, String actor) {
		if (revokedAt != null) {
			return false;
		}
		revokedAt = now;
		revokedBy = actor;
		return true;
	}

}
