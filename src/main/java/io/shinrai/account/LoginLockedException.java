package io.shinrai.account;

import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for one user name; says nothing about whether the user exists. */
class LoginLockedException extends AuthenticationException {

	LoginLockedException() {
		super("Too many failed sign-ins for this user name");
	}

}
