package io.shinrai.account;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends the sessions of a user whose access changed, so a disabled or demoted user cannot go on with what they had.
 * The registry is in memory: with several instances it must become Spring Session's registry (see README).
 */
@Component
class UserSessions {

	private final SessionRegistry registry;

	UserSessions(SessionRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void on(UserAccessChanged event) {
		for (Object principal : registry.getAllPrincipals()) {
			if (principal instanceof UserDetails user && user.getUsername().equalsIgnoreCase(event.username())) {
				registry.getAllSessions(principal, false).forEach(SessionInformation::expireNow);
			}
		}
	}

}
