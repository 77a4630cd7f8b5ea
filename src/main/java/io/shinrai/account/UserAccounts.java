package io.shinrai.account;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The users who may sign in: lookup for authentication, the first admin, language preference. */
@Service
@Transactional
public class UserAccounts implements UserDetailsService {

	private final UserAccountRepository users;

	private final PasswordEncoder passwordEncoder;

	UserAccounts(UserAccountRepository users, PasswordEncoder passwordEncoder) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
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
		if (users.count() > 0) {
			return false;
		}
		users.save(new UserAccount("admin", "Administrator", passwordEncoder.encode(rawPassword), Role.ADMIN));
		return true;
	}

	/** Creates a user; the caller has checked the input (see the users admin page). */
	public UserAccount create(String username, String displayName, String rawPassword, Role role) {
		return users.save(new UserAccount(username.strip(), displayName.strip(), passwordEncoder.encode(rawPassword), role));
	}

	@Transactional(readOnly = true)
	public Optional<UserAccount> find(String username) {
		return users.findByUsername(username);
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

	/** Enabled managers and admins by display name: the people who may own recovery cases. */
	@Transactional(readOnly = true)
	public List<UserAccount> managers() {
		return users.findAllByOrderByUsernameAsc()
			.stream()
			.filter(user -> user.isEnabled() && user.getRole().compareTo(Role.MANAGER) >= 0)
			.sorted(Comparator.comparing(UserAccount::getDisplayName, String.CASE_INSENSITIVE_ORDER)
				.thenComparing(UserAccount::getUsername))
			.toList();
	}

}
