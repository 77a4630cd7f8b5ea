package io.shinrai.notification;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.SegmentScopes;
import io.shinrai.feedback.FeedbackImportFinished;
import io.shinrai.notification.NotificationPreferences.Recipient;
import io.shinrai.system.SegmentScope;

/**
 * Tells everyone concerned about an event, in one transaction: records the event once
 * ({@code notification_event}; a repeated delivery of the same event does nothing), adds
 * the in-app notices of the users who want them, queues a mail for those who want one,
 * and queues a webhook delivery for every endpoint that subscribed. Notices of an import
 * are not mailed one by one: when the import ends each recipient gets one summary mail.
 */
@Service
@Transactional
class Announcements {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The events whose data the digest reads back; of the others (import batches: large)
	 * only the key is kept.
	 */
	private static final java.util.Set<NotificationType> DIGEST_READS = java.util.EnumSet
		.of(NotificationType.CUSTOMER_STATUS_CHANGED, NotificationType.TRUST_DROPPED);

	private final JdbcClient jdbc;

	private final NotificationPreferences preferences;

	private final Notifications notifications;

	private final Mailer mailer;

	private final MailTemplates templates;

	private final WebhookDeliveries deliveries;

	private final MessageSource messages;

	private final SegmentScopes scopes;

	Announcements(JdbcClient jdbc, NotificationPreferences preferences, Notifications notifications, Mailer mailer,
			MailTemplates templates, WebhookDeliveries deliveries, MessageSource messages, SegmentScopes scopes) {
		this.scopes = scopes;
		this.jdbc = jdbc;
		this.preferences = preferences;
		this.notifications = notifications;
		this.mailer = mailer;
		this.templates = templates;
		this.deliveries = deliveries;
		this.messages = messages;
	}

	/** Tells about the event; {@code false} when it had been told already. */
	boolean announce(Announcement announcement) {
		int recorded = jdbc.sql("""
				insert into notification_event (event_key, type, occurred_at, import_id, item_count, payload)
				values (?, ?, ?, ?, ?, ?) on conflict (event_key) do nothing
				""")
			.params(announcement.eventKey(), announcement.type().eventName(), Timestamp.from(announcement.occurredAt()),
					announcement.importId(), announcement.itemCount(),
					DIGEST_READS.contains(announcement.type()) ? JSON.writeValueAsString(announcement.data()) : "{}")
			.update();
		if (recorded == 0 || announcement.notices().isEmpty()) {
			return false;
		}
		for (Recipient recipient : preferences.recipients(announcement.type())) {
			// each user is told only about the customers of the segments they see
			SegmentScope scope = scopes.of(recipient.username());
			List<Notice> visible = announcement.notices().stream().filter(notice -> notice.visibleIn(scope)).toList();
			if (visible.isEmpty()) {
				continue;
			}
			if (recipient.inApp()) {
				for (Notice notice : visible) {
					notifications.add(recipient.username(), notice, announcement.occurredAt());
				}
			}
			if (recipient.byMail() && announcement.importId() == null) {
				mail(recipient, announcement, visible);
			}
		}
		if (NotificationType.WEBHOOK_EVENTS.contains(announcement.type())) {
			deliveries.enqueueAll(announcement);
		}
		return true;
	}

	private void mail(Recipient recipient, Announcement announcement, List<Notice> notices) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (Notice notice : notices) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("text", notifications.text(notice, notice.count(), recipient.locale()));
			item.put("url", templates.link(notice.link()));
			items.add(item);
		}
		String subjectKey;
		Object[] subjectArgs;
		if (items.size() == 1) {
			subjectKey = "mail.notice.subject";
			subjectArgs = new Object[] { items.get(0).get("text") };
		}
		else {
			subjectKey = "mail.notice.subject.many";
			subjectArgs = new Object[] { items.size() };
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("items", items);
		variables.put("profileUrl", templates.link("/profile"));
		MailTemplates.Mail mail = templates.render("notice", recipient.locale(), subjectKey, subjectArgs, variables);
		mailer.send(recipient.email(), mail.subject(), mail.text(), mail.html(),
				announcement.eventKey() + "|" + recipient.username());
	}

	/**
	 * An import ended: each user who wants any of its events by mail gets one mail with
	 * the numbers of what the import brought (new cases, negative feedback, …), instead
	 * of a mail per case.
	 */
	void importFinished(FeedbackImportFinished event) {
		Map<NotificationType, Long> counts = new LinkedHashMap<>();
		jdbc.sql("""
				select type, sum(item_count) as n from import_tally where import_id = ? group by type
				having sum(item_count) > 0
				""").param(event.importId()).query((rs, row) -> {
			String type = rs.getString("type");
			long n = rs.getLong("n");
			NotificationType.byEventName(type).ifPresent(known -> counts.put(known, n));
			return type;
		}).list();
		if (counts.isEmpty()) {
			return;
		}
		Map<String, Recipient> recipients = new LinkedHashMap<>();
		Map<String, List<NotificationType>> wanted = new LinkedHashMap<>();
		for (NotificationType type : NotificationType.WEBHOOK_EVENTS) {
			if (!counts.containsKey(type)) {
				continue;
			}
			for (Recipient recipient : preferences.recipients(type)) {
				// an import's summary counts customers of every segment: for users who
				// see the whole company
				if (recipient.byMail() && scopes.of(recipient.username()).isAll()) {
					recipients.putIfAbsent(recipient.username(), recipient);
					wanted.computeIfAbsent(recipient.username(), name -> new ArrayList<>()).add(type);
				}
			}
		}
		wanted.forEach((username, types) -> {
			Recipient recipient = recipients.get(username);
			List<String> lines = types.stream()
				.map(type -> messages.getMessage("mail.import.line." + type.eventName(),
						new Object[] { counts.get(type) }, recipient.locale()))
				.toList();
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("lines", lines);
			variables.put("fileName", event.fileName());
			variables.put("importUrl", templates.link("/import/" + event.importId()));
			variables.put("boardUrl", templates.link("/recovery"));
			variables.put("profileUrl", templates.link("/profile"));
			MailTemplates.Mail mail = templates.render("import-summary", recipient.locale(), "mail.import.subject",
					new Object[] { event.fileName(), event.importId() }, variables);
			mailer.send(recipient.email(), mail.subject(), mail.text(), mail.html(),
					"import:" + event.importId() + "|" + username);
		});
	}

	/**
	 * Admins learn that a webhook endpoint was disabled (in the app and by mail, as they
	 * chose).
	 */
	@EventListener
	void on(WebhookDeliveries.EndpointDisabled event) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("endpointId", event.endpointId());
		data.put("url", event.url());
		String key = "webhook.disabled:" + event.endpointId() + ":" + event.at().toEpochMilli();
		announce(new Announcement(NotificationType.WEBHOOK_DISABLED, key, event.at(), null, 1, data,
				List.of(new Notice("webhook.disabled", key, List.of(event.url()),
						"/admin/webhooks/" + event.endpointId(), 1))));
	}

	/**
	 * Events of a type since an instant, oldest first, as their payload's data (for the
	 * digest).
	 */
	@Transactional(readOnly = true)
	List<Map<String, Object>> since(NotificationType type, Instant since, Instant until) {
		return jdbc.sql("""
				select payload from notification_event where type = ? and occurred_at >= ? and occurred_at < ?
				order by occurred_at, event_key
				""").params(type.eventName(), Timestamp.from(since), Timestamp.from(until)).query((rs, row) -> {
			@SuppressWarnings("unchecked")
			Map<String, Object> data = JSON.readValue(rs.getString("payload"), Map.class);
			return data;
		}).list();
	}

}
