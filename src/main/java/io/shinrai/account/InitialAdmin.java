package io.shinrai.account;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On an empty user table, creates {@code admin} with the password from
 * {@code SHINRAI_ADMIN_PASSWORD}, or else a random one that is printed to the log this
 * once (it is stored only as a hash).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InitialAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);

	private final UserAccounts accounts;

	private final String configuredPassword;

	InitialAdmin(UserAccounts accounts, AccountProperties properties) {
		this.accounts = accounts;
		this.configuredPassword = properties.admin().password();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!accounts.isEmpty()) {
			return;
		}
		boolean generated = configuredPassword.isBlank();
		String password = generated ? randomPassword() : configuredPassword;
		if (!accounts.createInitialAdmin(password)) {
			return;
		}
		if (generated) {
			log.warn("""

					==========================================================
					 Created user 'admin' with the generated password:
					     {}
					 It is shown only this once. Change it after signing in,
					 or set SHINRAI_ADMIN_PASSWORD before the first start.
					==========================================================""", password);
		}
		else {
			log.info("Created user 'admin' with the password from SHINRAI_ADMIN_PASSWORD");
		}
	}

	private static String randomPassword() {
		byte[] bytes = new byte[15];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
