package io.shinrai.notification;

import org.springframework.context.ApplicationContext;

/**
 * For tests of other modules that e-mail through {@link Mailer}: sends the queued mails
 * now, as the poller would.
 */
public final class TestMail {

	private TestMail() {
	}

	/** Sends the mails due now; returns how many were sent. */
	public static int sendQueued(ApplicationContext context) {
		return context.getBean(MailDispatcher.class).sendDue();
	}

}
