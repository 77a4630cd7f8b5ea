package io.shinrai;

import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * One user per role, created after the application's first admin. Passwords are known to
 * the tests.
 */
@TestComponent
@Order(Ordered.LOWEST_PRECEDENCE)
public class TestUsers implements ApplicationRunner {

	public static final String PASSWORD = "test-password-1";

	public static final String ADMIN = "admin";

	public static final String MANAGER = "manager";

	public static final String STAFF = "staff";

	private final UserAccounts accounts;

	TestUsers(UserAccounts accounts) {
		this.accounts = accounts;
	}

	@Override
	public synchronized void run(ApplicationArguments args) {
		ensure(MANAGER, "Test Manager", Role.MANAGER);
		ensure(STAFF, "Test Staff", Role.STAFF);
	}

	private void ensure(String username, String displayName, Role role) {
		if (accounts.find(username).isEmpty()) {
			try {
				accounts.create(username, displayName, PASSWORD, role);
			}
			catch (org.springframework.dao.DataIntegrityViolationException ex) {
				// another test context created it at the same moment
			}
		}
	}

	public UserDetails user(String username) {
		return accounts.loadUserByUsername(username);
	}

}
