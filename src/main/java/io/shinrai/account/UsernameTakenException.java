package io.shinrai.account;

/** Another user already has this name, compared without regard to case. */
class UsernameTakenException extends RuntimeException {

	UsernameTakenException(String username) {
		super("user name taken: " + username);
	}

}
