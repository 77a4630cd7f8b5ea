package io.shinrai.account;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.NotFoundException;

/**
 * The users who may sign in: lookup for authentication, the first admin, language
 * preference, and what admins do to users (create, change role or display name, disable,
 * enable, reset the password), each audited. There is always at least one enabled admin.
 */
@Service
@Transactional
public class UserAccounts implements UserDetailsService {

	private final UserAccountRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AuditLog audit;

	private final LoginThrottle throttle;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	/** Audit actor of what single sign-on does by itself (the provider said so). */
	static final String SSO_ACTOR = "single-sign-on";

	UserAccounts(UserAccountRepository users, PasswordEncoder passwordEncoder, AuditLog audit, LoginThrottle throttle,
			ApplicationEventPublisher events, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.audit = audit;
		this.throttle = throttle;
		this.events = events;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		return users.findByUsername(username)
			.map(ShinraiUser::new)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
	}

	@Transactional(readOnly = true)
	public boolean isEmpty() {
		return users.count() == 0;
	}

	/** Creates the first admin; does nothing when any user exists already. */
	public boolean createInitialAdmin(String rawPassword) {
		users.lockForInitialAdmin();
		if (users.count() > 0) {
			return false;
		}
		users.save(new UserAccount("admin", "Administrator", passwordEncoder.encode(rawPassword), Role.ADMIN,
				clock.instant()));
		return true;
	}

	/**
	 * A single sign-on: finds the user by their identity at the provider, or creates them
	 * (audited) at their first sign-in, with a user name taken from {@code preferredName}
	 * (made valid and unique) and a password nobody knows. The role is the provider's: a
	 * changed role is applied and audited. A disabled user stays disabled.
	 */
	public UserAccount signInWithSso(String issuer, String subject, String preferredName, String displayName,
			String email, Role role) {
		Optional<UserAccount> known = users.findBySingleSignOn(issuer, subject);
		if (known.isPresent()) {
			UserAccount user = known.get();
			if (user.isEnabled() && user.getRole() != role) {
				Role before = user.getRole();
				user.changeRole(role);
				audit.record(SSO_ACTOR, AuditType.USER_ROLE_CHANGED, user.getUsername(),
						"Role " + before + " → " + role + " (single sign-on claim)", before.name(), role.name());
				events.publishEvent(new UserAccessChanged(user.getUsername()));
			}
			return user;
		}
		String username = freeUsername(preferredName);
		String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
		if (name.length() > 200) {
			name = name.substring(0, 200);
		}
		byte[] unusable = new byte[32];
		random.nextBytes(unusable);
		UserAccount user = users.saveAndFlush(UserAccount.fromSingleSignOn(username, name,
				passwordEncoder.encode(HexFormat.of().formatHex(unusable)), role, issuer, subject, clock));
		if (email != null && isValidEmail(email.strip())) {
			user.changeEmail(email.strip());
		}
		audit.record(SSO_ACTOR, AuditType.USER_CREATED, user.getUsername(),
				"Created at first single sign-on with role " + role, null, "display name: " + user.getDisplayName()
						+ "\nrole: " + role + "\nissuer: " + issuer + "\nsubject: " + subject);
		return user;
	}

	/**
	 * A valid user name from the provider's, not taken yet: invalid characters become
	 * '-', a taken one gets -2, -3…
	 */
	private String freeUsername(String preferredName) {
		String base = preferredName == null ? "" : preferredName.strip().replaceAll("[^A-Za-z0-9._-]", "-");
		if (base.length() > AccountRules.USERNAME_MAX_LENGTH - 4) {
			base = base.substring(0, AccountRules.USERNAME_MAX_LENGTH - 4);
		}
		if (base.length() < AccountRules.USERNAME_MIN_LENGTH) {
			base = "sso-user";
		}
		String candidate = base;
		for (int n = 2; users.findByUsername(candidate).isPresent(); n++) {
			candidate = base + "-" + n;
		}
		return candidate;
	}

	/**
	 * Creates a user without the admin page's checks and audit, for set-up code such as
	 * tests.
	 */
	public UserAccount create(String username, String displayName, String rawPassword, Role role) {
		return users.save(new UserAccount(username.strip(), displayName.strip(), passwordEncoder.encode(rawPassword),
				role, clock.instant()));
	}

	@Transactional(readOnly = true)
	public Optional<UserAccount> find(String username) {
		return users.findByUsername(username);
	}

	@Transactional(readOnly = true)
	public UserAccount get(long id) {
		return users.findById(id).orElseThrow(() -> new NotFoundException("user " + id));
	}

	@Transactional(readOnly = true)
	public List<UserAccount> list() {
		return users.findAllOrderedByName();
	}

	@Transactional(readOnly = true)
	public Optional<Locale> preferredLocale(String username) {
		return users.findByUsername(username)
			.map(UserAccount::getLocale)
			.filter(tag -> tag != null && !tag.isBlank())
			.map(Locale::forLanguageTag);
	}

	public void rememberLocale(String username, Locale locale) {
		users.findByUsername(username).ifPresent(user -> user.setLocale(locale.toLanguageTag()));
	}

	/** The role of an enabled user; empty for an unknown or disabled user name. */
	@Transactional(readOnly = true)
	public Optional<Role> roleOf(String username) {
		return users.findByUsername(username).filter(UserAccount::isEnabled).map(UserAccount::getRole);
	}

	/**
	 * Enabled managers and admins by display name: the people who may own recovery cases.
	 */
	@Transactional(readOnly = true)
	public List<UserAccount> managers() {
		return users.findAllOrderedByName()
			.stream()
			.filter(user -> user.isEnabled() && user.getRole().compareTo(Role.MANAGER) >= 0)
			.sorted(Comparator.comparing(UserAccount::getDisplayName, String.CASE_INSENSITIVE_ORDER)
				.thenComparing(UserAccount::getUsername))
			.toList();
	}

	/**
	 * An admin creates a user.
	 * @throws UsernameTakenException when the name exists in any letter case
	 */
	public UserAccount createUser(String username, String displayName, String rawPassword, Role role, String actor) {
		String name = username.strip();
		requireValid(AccountRules.isValidUsername(name), "user name");
		requireValidPassword(rawPassword);
		if (users.findByUsername(name).isPresent()) {
			throw new UsernameTakenException(name);
		}
		UserAccount user;
		try {
			user = users.saveAndFlush(new UserAccount(name, requireDisplayName(displayName),
					passwordEncoder.encode(rawPassword), role, clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// created at the same moment by another admin: the unique index on
			// lower(username) decided
			throw new UsernameTakenException(name);
		}
		audit.record(actor, AuditType.USER_CREATED, user.getUsername(), "Created with role " + role, null,
				"display name: " + user.getDisplayName() + "\nrole: " + role + "\nenabled: true");
		return user;
	}

	/**
	 * Changes display name and role as one edit.
	 * @throws ObjectOptimisticLockingFailureException when the user changed since
	 * {@code expectedVersion}
	 * @throws LastAdminException when this would demote the last enabled admin
	 */
	public UserAccount changeDetails(long id, long expectedVersion, String displayName, Role role, String actor) {
		UserAccount user = loadForChange(id, expectedVersion, role != Role.ADMIN);
		String newName = requireDisplayName(displayName);
		if (!newName.equals(user.getDisplayName())) {
			String before = user.getDisplayName();
			user.changeDisplayName(newName);
			audit.record(actor, AuditType.USER_RENAMED, user.getUsername(), "Display name changed", before, newName);
		}
		if (role != user.getRole()) {
			Role before = user.getRole();
			user.changeRole(role);
			audit.record(actor, AuditType.USER_ROLE_CHANGED, user.getUsername(), "Role " + before + " → " + role,
					before.name(), role.name());
			events.publishEvent(new UserAccessChanged(user.getUsername()));
		}
		return user;
	}

	/** {@link #changeDetails} and the user's email address as one edit. */
	public UserAccount changeDetails(long id, long expectedVersion, String displayName, Role role, String email,
			String actor) {
		UserAccount user = changeDetails(id, expectedVersion, displayName, role, actor);
		return changeEmail(user.getUsername(), email, actor);
	}

	/**
	 * Disables or enables sign-in. A disabled user's open sessions end.
	 * @throws LastAdminException when this would disable the last enabled admin
	 */
	public UserAccount changeEnabled(long id, long expectedVersion, boolean enabled, String actor) {
		UserAccount user = loadForChange(id, expectedVersion, !enabled);
		if (user.isEnabled() == enabled) {
			return user;
		}
		user.setEnabled(enabled);
		if (enabled) {
			audit.record(actor, AuditType.USER_ENABLED, user.getUsername(), "Sign-in enabled", "disabled", "enabled");
		}
		else {
			audit.record(actor, AuditType.USER_DISABLED, user.getUsername(), "Sign-in disabled", "enabled", "disabled");
			events.publishEvent(new UserAccessChanged(user.getUsername()));
		}
		return user;
	}

	/**
	 * Sets or (with a blank value) removes the address notification mails go to; a user
	 * does this for themselves on their profile, an admin for anyone.
	 * @throws IllegalArgumentException when the address is not a plausible email address
	 * ({@link #isValidEmail})
	 */
	public UserAccount changeEmail(String username, String email, String actor) {
		UserAccount user = users.findByUsername(username).orElseThrow(() -> new NotFoundException("user " + username));
		String address = email == null || email.isBlank() ? null : email.strip();
		requireValid(address == null || isValidEmail(address), "email");
		if (!java.util.Objects.equals(address, user.getEmail())) {
			String before = user.getEmail();
			user.changeEmail(address);
			audit.record(actor, AuditType.USER_EMAIL_CHANGED, user.getUsername(), "Email changed", before, address);
		}
		return user;
	}

	/**
	 * One address, at most 254 characters, with a local part, an {@code @} and a domain
	 * with a dot.
	 */
	public static boolean isValidEmail(String address) {
		return address != null && address.length() <= 254 && address.matches(AccountRules.EMAIL_PATTERN);
	}

	/**
	 * Sets a new password (stored as a bcrypt hash, never audited), lifts the sign-in
	 * delays of the user name (from every address) and ends the user's other sessions.
	 */
	public UserAccount resetPassword(long id, long expectedVersion, String rawPassword, String actor) {
		requireValidPassword(rawPassword);
		UserAccount user = loadForChange(id, expectedVersion, false);
		user.changePasswordHash(passwordEncoder.encode(rawPassword));
		throttle.forget(user.getUsername());
		audit.record(actor, AuditType.USER_PASSWORD_RESET, user.getUsername(), "Password reset", null, null);
		if (!user.getUsername().equalsIgnoreCase(actor)) {
			events.publishEvent(new UserAccessChanged(user.getUsername()));
		}
		return user;
	}

	/**
	 * Loads a user for an edit made on a page showing {@code expectedVersion}. When the
	 * edit may take admin rights away, the enabled admins are locked first and the edit
	 * is refused if the user is the only one left.
	 */
	private UserAccount loadForChange(long id, long expectedVersion, boolean mayRemoveAdmin) {
		// lock before loading the user, so that the user is read after any concurrent
		// change committed
		List<UserAccount> admins = mayRemoveAdmin ? users.lockEnabledAdmins() : List.of();
		UserAccount user = get(id);
		if (user.getVersion() != expectedVersion) {
			throw new ObjectOptimisticLockingFailureException(UserAccount.class, id);
		}
		boolean isEnabledAdmin = user.getRole() == Role.ADMIN && user.isEnabled();
		if (mayRemoveAdmin && isEnabledAdmin
				&& admins.stream().noneMatch(admin -> !admin.getId().equals(user.getId()))) {
			throw new LastAdminException(user.getUsername());
		}
		return user;
	}

	private static String requireDisplayName(String displayName) {
		String name = displayName == null ? "" : displayName.strip();
		requireValid(!name.isEmpty() && name.length() <= 200, "display name");
		return name;
	}

	private static void requireValidPassword(String rawPassword) {
		requireValid(AccountRules.passwordProblem(rawPassword).isEmpty(), "password");
	}

	private static void requireValid(boolean valid, String what) {
		if (!valid) {
			// the page validates first; reaching this is a programming error, not user
			// input
			throw new IllegalArgumentException("invalid " + what);
		}
	}

}
