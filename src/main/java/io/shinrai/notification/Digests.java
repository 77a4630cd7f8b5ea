package io.shinrai.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.account.SegmentScopes;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.notification.NotificationPreferences.Recipient;
import io.shinrai.recovery.CaseSearch;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.recovery.RecoveryStatus;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * The daily digest mail: from the configured local time on (business time zone), each
 * user who wants it gets their open and overdue cases, the customers that became AT_RISK
 * and the trust drops since their previous digest; nothing when there is nothing to say.
 * A user's digest of a day is claimed by inserting its {@code digest_run} row in the
 * transaction that queues the mail, so with several instances polling it is sent once.
 */
@Component
class Digests {

	private static final int MAX_CASES = 50;

	private static final int MAX_ITEMS = 20;

	private final NotificationPreferences preferences;

	private final Announcements announcements;

	private final RecoveryCases cases;

	private final CustomerDirectory customers;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final MessageSource messages;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ZoneId zone;

	private final LocalTime time;

	private final Clock clock;

	private final SegmentScopes scopes;

	Digests(NotificationPreferences preferences, Announcements announcements, RecoveryCases cases,
			CustomerDirectory customers, Mailer mailer, MailTemplates templates, MessageSource messages,
			JdbcClient jdbc, PlatformTransactionManager transactionManager, BusinessTime businessTime,
			NotificationProperties properties, Clock clock, SegmentScopes scopes) {
		this.scopes = scopes;
		this.clock = clock;
		this.preferences = preferences;
		this.announcements = announcements;
		this.cases = cases;
		this.customers = customers;
		this.mailer = mailer;
		this.templates = templates;
		this.messages = messages;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.zone = businessTime.zone();
		this.time = properties.notifications().digest().time();
	}

	@Scheduled(cron = "${shinrai.notifications.digest.cron}")
	void scheduledRun() {
		sendDue(clock.instant());
	}

	/**
	 * Sends the digests due at {@code now} that no instance sent yet; returns how many
	 * mails were queued.
	 */
	int sendDue(Instant now) {
		if (!mailer.isEnabled()) {
			return 0;
		}
		ZonedDateTime local = now.atZone(zone);
		if (local.toLocalTime().isBefore(time)) {
			return 0;
		}
		LocalDate day = local.toLocalDate();
		int sent = 0;
		for (Recipient recipient : preferences.recipients(NotificationType.DIGEST)) {
			if (recipient.byMail() && Boolean.TRUE.equals(transactions.execute(status -> send(recipient, day, now)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean send(Recipient recipient, LocalDate day, Instant now) {
		int claimed = jdbc.sql("""
				insert into digest_run (username, digest_date, claimed_at, mailed) values (?, ?, ?, false)
				on conflict (username, digest_date) do nothing
				""").params(recipient.username(), day, Timestamp.from(now)).update();
		if (claimed == 0) {
			return false;
		}
		Instant since = jdbc.sql("select max(claimed_at) from digest_run where username = ? and digest_date < ?")
			.params(recipient.username(), day)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(now.minus(Duration.ofDays(1)));
		Locale locale = recipient.locale();
		// only about the customers of the segments the recipient sees
		SegmentScope seen = scopes.of(recipient.username());
		List<CaseSummary> open = cases
			.search(new CaseSearch(RecoveryStatus.IN_PROGRESS, false, recipient.username(), false, null,
					CaseSearch.Sort.DUE, 0, MAX_CASES)
				.within(seen))
			.getContent();
		List<Map<String, Object>> caseItems = new ArrayList<>();
		long overdue = 0;
		for (CaseSummary summary : open) {
			overdue += summary.overdue() ? 1 : 0;
			caseItems
				.add(item(
						messages.getMessage(summary.overdue() ? "mail.digest.case.overdue" : "mail.digest.case",
								new Object[] { summary.customerName(), summary.customerReference(), messages
									.getMessage("RecoveryStatus." + summary.status().name(), null, locale) },
								locale),
						"/recovery/" + summary.id()));
		}
		List<Map<String, Object>> atRisk = new ArrayList<>();
		for (Map<String, Object> event : announcements.since(NotificationType.CUSTOMER_STATUS_CHANGED, since, now)) {
			for (Object value : (List<?>) event.get("customers")) {
				Map<?, ?> change = (Map<?, ?>) value;
				if ("AT_RISK".equals(change.get("to")) && atRisk.size() < MAX_ITEMS) {
					long customerId = ((Number) change.get("customerId")).longValue();
					customers.find(customerId)
						.filter(customer -> seen.includes(customer.getSegment()))
						.ifPresent(customer -> atRisk.add(item(customer.getName(), "/customers/" + customerId)));
				}
			}
		}
		List<Map<String, Object>> drops = new ArrayList<>();
		for (Map<String, Object> event : announcements.since(NotificationType.TRUST_DROPPED, since, now)) {
			Map<?, ?> scope = (Map<?, ?>) event.get("scope");
			String kind = (String) scope.get("kind");
			String name = "segment".equals(kind) ? (String) scope.get("segment")
					: "channel".equals(kind) ? (String) scope.get("channel") : "";
			if (!seen.includes("segment".equals(kind) ? name : null)) {
				continue;
			}
			String text = messages.getMessage("notification.trust.dropped." + kind,
					new Object[] { 1, name, points(event.get("trustBefore")), points(event.get("trustAfter")) },
					locale);
			String url = (String) event.get("url");
			drops.add(Map.of("text", text, "url", url));
		}
		if (caseItems.isEmpty() && atRisk.isEmpty() && drops.isEmpty()) {
			return false;
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("cases", caseItems);
		variables.put("overdueCount", overdue);
		variables.put("atRisk", atRisk);
		variables.put("drops", drops);
		variables.put("boardUrl", templates.link("/recovery?tab=mine"));
		variables.put("profileUrl", templates.link("/profile"));
		MailTemplates.Mail mail = templates.render("digest", locale, "mail.digest.subject",
				new Object[] { day.toString(), caseItems.size(), overdue }, variables);
		mailer.send(recipient.email(), mail.subject(), mail.text(), mail.html(),
				"digest:" + recipient.username() + ":" + day);
		jdbc.sql("update digest_run set mailed = true where username = ? and digest_date = ?")
			.params(recipient.username(), day)
			.update();
		return true;
	}

	private Map<String, Object> item(String text, String path) {
		return Map.of("text", text, "url", templates.link(path));
	}

	private static String points(Object trust) {
		return String.format(Locale.ROOT, "%.1f", ((Number) trust).doubleValue());
	}

}
