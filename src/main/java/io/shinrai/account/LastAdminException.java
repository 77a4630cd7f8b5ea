package io.shinrai.account;

/** The change would leave nobody who can administer Shinrai. */
class LastAdminException extends RuntimeException {

	LastAdminException(String username) {
		super(username + " is the last enabled admin");
	}

}
