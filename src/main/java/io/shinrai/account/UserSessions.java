package io.shinrai.account;

import org.springframework.context.event.EventListener;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends the sessions of a user whose access changed, so a disabled or demoted user cannot
 * go on with what they had. The registry is Spring Session's: it finds the user's
 * sessions in the database by user name (the stored spelling, which is what a session's
 * principal carries) and marks them expired there, so their next request on any instance
 * goes to the sign-in page.
 * <p>
 * Once the change is committed (never if it rolls back), through a transaction
 * synchronization rather than a {@code @TransactionalEventListener}, which the event
 * publication registry would mark in transactions of their own.
 */
@Component
class UserSessions {

	private final SessionRegistry registry;

	UserSessions(SessionRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void on(UserAccessChanged event) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			expire(event.username());
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				expire(event.username());
			}
		});
	}

	private void expire(String username) {
		registry.getAllSessions(username, false).forEach(SessionInformation::expireNow);
	}

}
