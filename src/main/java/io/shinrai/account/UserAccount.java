package io.shinrai.account;

import java.time.Clock;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.OptimisticLock;

/** Someone who signs in to Shinrai. */
@Entity
@Table(name = "app_user")
public class UserAccount {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String username;

	@Column(name = "display_name", nullable = false)
	private String displayName;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private Role role;

	private boolean enabled = true;

	// a language switch is the user's own choice and must not make an admin's concurrent
	// edit look stale
	@OptimisticLock(excluded = true)
	private String locale;

	// where notification mails go; optional
	private String email;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	// single sign-on users: who they are at the provider (null for local accounts)
	@Column(name = "sso_issuer", updatable = false)
	private String ssoIssuer;

	@Column(name = "sso_subject", updatable = false)
	private String ssoSubject;

	@Version
	private long version;

	protected UserAccount() {
	}

	UserAccount(String username, String displayName, String passwordHash, Role role, Instant createdAt) {
		this.username = username;
		this.displayName = displayName;
		this.passwordHash = passwordHash;
		this.role = role;
		this.createdAt = createdAt;
	}

	/**
	 * A user created at their first single sign-on, tied to their identity at the
	 * provider.
	 */
	static UserAccount fromSingleSignOn(String username, String displayName, String unusablePasswordHash, Role role,
			String issuer, String subject, Clock clock) {
		UserAccount user = new UserAccount(username, displayName, unusablePasswordHash, role, clock.instant());
		user.ssoIssuer = issuer;
		user.ssoSubject = subject;
		return user;
	}

	/** Whether this user signs in through single sign-on. */
	public boolean isSingleSignOn() {
		return ssoSubject != null;
	}

	public Long getId() {
		return id;
	}

	public String getUsername() {
		return username;
	}

	public String getDisplayName() {
		return displayName;
	}

	String getPasswordHash() {
		return passwordHash;
	}

	public Role getRole() {
		return role;
	}

	public boolean isEnabled() {
		return enabled;
	}

	public String getLocale() {
		return locale;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public long getVersion() {
		return version;
	}

	void changeRole(Role role) {
		this.role = role;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	void changePasswordHash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void changeDisplayName(String displayName) {
		this.displayName = displayName;
	}

	void setLocale(String locale) {
		this.locale = locale;
	}

	public String getEmail() {
		return email;
	}

	void changeEmail(String email) {
		this.email = email;
	}

}
