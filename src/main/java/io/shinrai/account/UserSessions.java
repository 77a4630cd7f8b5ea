package io.shinrai.account;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Ends the sessions of a user whose access changed, so a disabled or demoted user cannot
 * go on with what they had. The registry is Spring Session's: it finds the user's
 * sessions in the database by user name (the stored spelling, which is what a session's
 * principal carries) and marks them expired there, so their next request on any instance
 * goes to the sign-in page.
 */
@Component
class UserSessions {

	private final SessionRegistry registry;

	UserSessions(SessionRegistry registry) {
		this.registry = registry;
	}

	@TransactionalEventListener
	void on(UserAccessChanged event) {
		registry.getAllSessions(event.username(), false).forEach(SessionInformation::expireNow);
	}

}
