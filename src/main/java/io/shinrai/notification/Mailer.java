package io.shinrai.notification;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends mails reliably: {@link #send} writes the mail to the {@code mail_outbox} table in
 * the caller's transaction (so a mail is decided together with the fact it tells about,
 * and never sent for a rolled-back one); a poller sends it and retries it with backoff
 * while the mail server is unreachable ({@link MailDispatcher}). Without
 * {@code spring.mail.host} mail is off: {@link #isEnabled()} is {@code false} and nothing
 * is queued.
 */
@Service
public class Mailer {

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> sender;

	private final Clock clock;

	Mailer(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.sender = sender;
	}

	/** Whether a mail server is configured ({@code SPRING_MAIL_HOST}). */
	public boolean isEnabled() {
		return sender.getIfAvailable() != null;
	}

	/**
	 * Queues a mail.
	 * @param html the HTML alternative, or {@code null} for a plain text mail
	 * @return {@code false} when mail is off (nothing queued)
	 */
	@Transactional
	public boolean send(String to, String subject, String text, String html) {
		return send(to, subject, text, html, null);
	}

	/**
	 * Queues a mail once per {@code dedupKey}: a second call with the same key (a retried
	 * event) queues nothing and returns {@code true}.
	 */
	@Transactional
	public boolean send(String to, String subject, String text, String html, String dedupKey) {
		if (!isEnabled()) {
			return false;
		}
		jdbc.sql(
				"""
						insert into mail_outbox (dedup_key, recipient, subject, text_body, html_body, created_at, next_attempt_at)
						values (:key, :to, :subject, :text, :html, :now, :now)
						on conflict (dedup_key) do nothing
						""")
			.param("key", dedupKey)
			.param("to", to)
			.param("subject", subject)
			.param("text", text)
			.param("html", html)
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return true;
	}

}
