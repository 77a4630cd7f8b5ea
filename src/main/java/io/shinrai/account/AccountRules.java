package io.shinrai.account;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What makes a valid user name and password. The pages explain these rules next to the
 * fields; the service checks them again so no other caller can bypass them.
 */
public final class AccountRules {

	public static final int USERNAME_MIN_LENGTH = 3;

	public static final int USERNAME_MAX_LENGTH = 64;

	public static final int PASSWORD_MIN_LENGTH = 12;

	/**
	 * bcrypt reads only the first 72 bytes, and Spring Security refuses longer passwords
	 * rather than cut them.
	 */
	public static final int PASSWORD_MAX_BYTES = 72;

	private static final Pattern USERNAME = Pattern
		.compile("[A-Za-z0-9._-]{" + USERNAME_MIN_LENGTH + "," + USERNAME_MAX_LENGTH + "}");

	private AccountRules() {
	}

	public static boolean isValidUsername(String username) {
		return username != null && USERNAME.matcher(username).matches();
	}

	/**
	 * The message key of what is wrong with a new password, or empty when it is
	 * acceptable.
	 */
	public static Optional<String> passwordProblem(String password) {
		if (password == null || password.codePointCount(0, password.length()) < PASSWORD_MIN_LENGTH) {
			return Optional.of("users.password.tooShort");
		}
		if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
			return Optional.of("users.password.tooLong");
		}
		if (password.isBlank()) {
			return Optional.of("users.password.tooShort");
		}
		return Optional.empty();
	}

	/**
	 * A plausible single email address: no spaces or list separators, a local part,
	 * {@code @}, a dotted domain.
	 */
	public static final String EMAIL_PATTERN = "[^@\\s<>\"(),;:]+@[^@\\s<>\"(),;:]+\\.[^@\\s<>\"(),;:.]+";

}
