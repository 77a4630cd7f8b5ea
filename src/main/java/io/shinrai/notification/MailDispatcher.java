package io.shinrai.notification;

import io.shinrai.system.OutboundProperties;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the queued mails. Each poll claims due rows with {@code FOR UPDATE SKIP LOCKED}
 * and leases them (moves their next attempt past the send), so several instances never
 * send one mail at once and a mail whose instance died mid-send is sent again after the
 * lease. A failure is retried per the retry schedule; after the last attempt the mail is
 * marked failed.
 */
@Component
class MailDispatcher {

	private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

	private static final Duration LEASE = Duration.ofMinutes(2);

	private static final int BATCH = 20;

	private final JdbcClient jdbc;

	private final ObjectProvider<JavaMailSender> sender;

	private final TransactionTemplate transactions;

	private final RetrySchedule retries;

	private final String from;

	private final Clock clock;

	private final Counter sent;

	private final Counter retried;

	private final Counter failed;

	MailDispatcher(JdbcClient jdbc, ObjectProvider<JavaMailSender> sender,
			PlatformTransactionManager transactionManager, NotificationProperties properties,
			OutboundProperties outbound, Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.sent = outcome(meters, "sent");
		this.retried = outcome(meters, "retry");
		this.failed = outcome(meters, "failed");
		this.sender = sender;
		this.transactions = new TransactionTemplate(transactionManager);
		this.retries = new RetrySchedule(properties.mail().retryDelays());
		this.from = outbound.mail().from();
	}

	@Scheduled(cron = "${shinrai.mail.dispatch.cron}")
	void scheduledRun() {
		sendDue();
	}

	/** Sends the mails due now, batch after batch; returns how many were sent. */
	int sendDue() {
		JavaMailSender mail = sender.getIfAvailable();
		if (mail == null) {
			return 0;
		}
		int sent = 0;
		List<Queued> batch;
		do {
			batch = claim();
			for (Queued queued : batch) {
				if (deliver(mail, queued)) {
					sent++;
				}
			}
		}
		while (batch.size() == BATCH);
		return sent;
	}

	private List<Queued> claim() {
		return transactions.execute(status -> jdbc.sql("""
				update mail_outbox set attempts = attempts + 1, next_attempt_at = :lease
				where id in (select id from mail_outbox
				             where sent_at is null and failed_at is null and next_attempt_at <= :now
				             order by next_attempt_at, id limit :batch for update skip locked)
				returning id, recipient, subject, text_body, html_body, attempts
				""")
			.param("now", Timestamp.from(clock.instant()))
			.param("lease", Timestamp.from(clock.instant().plus(LEASE)))
			.param("batch", BATCH)
			.query((rs, row) -> new Queued(rs.getLong("id"), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("text_body"), rs.getString("html_body"), rs.getInt("attempts")))
			.list());
	}

	private boolean deliver(JavaMailSender mail, Queued queued) {
		try {
			MimeMessage message = mail.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, queued.html() != null, "UTF-8");
			helper.setFrom(from);
			helper.setTo(queued.recipient());
			helper.setSubject(queued.subject());
			if (queued.html() != null) {
				helper.setText(queued.text(), queued.html());
			}
			else {
				helper.setText(queued.text());
			}
			mail.send(message);
			jdbc.sql("update mail_outbox set sent_at = now(), last_error = null where id = ?")
				.param(queued.id())
				.update();
			sent.increment();
			return true;
		}
		catch (MailException | MessagingException ex) {
			Duration wait = retries.after(queued.attempts());
			log.warn("Mail {} to {} not sent (attempt {}): {}", queued.id(), queued.recipient(), queued.attempts(),
					ex.getMessage());
			if (wait == null) {
				jdbc.sql("update mail_outbox set failed_at = now(), last_error = ? where id = ?")
					.params(excerpt(ex.getMessage()), queued.id())
					.update();
				failed.increment();
			}
			else {
				jdbc.sql("update mail_outbox set next_attempt_at = ?, last_error = ? where id = ?")
					.params(Timestamp.from(clock.instant().plus(wait)), excerpt(ex.getMessage()), queued.id())
					.update();
				retried.increment();
			}
			return false;
		}
	}

	/** Mail attempts by outcome: sent, to be retried, failed for good. */
	private static Counter outcome(MeterRegistry meters, String outcome) {
		return Counter.builder("shinrai.mail.deliveries")
			.description("Attempts to send a queued mail, by outcome")
			.tag("outcome", outcome)
			.register(meters);
	}

	private static String excerpt(String text) {
		return text == null ? null : text.substring(0, Math.min(text.length(), 1000));
	}

	private record Queued(long id, String recipient, String subject, String text, String html, int attempts) {
	}

}
