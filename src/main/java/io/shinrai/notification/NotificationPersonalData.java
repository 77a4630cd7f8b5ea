package io.shinrai.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.privacy.ErasedCustomer;
import io.shinrai.privacy.PersonalDataHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the notification module told about a customer: in-app notices (their arguments
 * carry the customer's name), the events kept for the digest and webhook bodies (their
 * {@code data} carries {@code customerId}, {@code customerRef} and {@code customerName}),
 * queued and sent mails (subject, text and HTML name the customer) and webhook attempts
 * (a receiver may echo the body). The rows keep no customer id column, so they are found
 * by the customer's name, reference and e-mail address in their texts, as stored (plain,
 * JSON-, HTML- and Slack-escaped), and, for JSON, by {@code "customerId":<id>}.
 * <p>
 * An erasure replaces the name by the customer's label and the reference by
 * {@code erased-<id>}, and removes the e-mail address, in every such text, so a notice
 * still reads "New negative feedback from Erased customer 1234" and a mail or webhook
 * delivery still waiting goes out without the old values. A mail still waiting to go to
 * the customer's own address is not sent. Spring Modulith's event publications hold ids
 * only (the events are records of ids and states) and completed ones are deleted
 * ({@code spring.modulith.events.completion-mode=delete}).
 */
@Component
class NotificationPersonalData implements PersonalDataHolder {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final CustomerDirectory customers;

	private final Clock clock;

	NotificationPersonalData(JdbcClient jdbc, CustomerDirectory customers, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.customers = customers;
	}

	@Override
	public String section() {
		return "notifications";
	}

	@Override
	public Object export(long customerId) {
		Customer customer = customers.get(customerId);
		List<String> needles = new ArrayList<>();
		for (String value : values(customer.getReference(), customer.getName(), customer.getEmail())) {
			needles.addAll(spellings(value));
		}
		String[] found = needles.stream().distinct().toArray(String[]::new);
		String id = idPattern(customerId);
		Map<String, Object> section = new LinkedHashMap<>();
		section.put("notices", jdbc.sql("""
				select username, type, args, link, created_at, read_at from notification
				where exists (select 1 from unnest(args) a, unnest(cast(:found as text[])) f where strpos(a, f) > 0)
				order by created_at, id
				""")
			.param("found", found)
			.query((rs, row) -> new ExportedNotice(rs.getString("username"), rs.getString("type"),
					List.of((String[]) rs.getArray("args").getArray()), rs.getString("link"),
					instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("read_at"))))
			.list());
		section.put("events", jdbc
			.sql("""
					select event_key, type, occurred_at, payload from notification_event
					where payload ~ :id or exists (select 1 from unnest(cast(:found as text[])) f where strpos(payload, f) > 0)
					order by occurred_at, event_key
					""")
			.param("id", id)
			.param("found", found)
			.query((rs, row) -> new ExportedEvent(rs.getString("event_key"), rs.getString("type"),
					instant(rs.getTimestamp("occurred_at")), rs.getString("payload")))
			.list());
		section.put("mails",
				jdbc.sql("""
						select recipient, subject, text_body, created_at, sent_at, failed_at from mail_outbox
						where exists (select 1 from unnest(cast(:found as text[])) f
						              where strpos(recipient || subject || text_body || coalesce(html_body, ''), f) > 0)
						order by created_at, id
						""")
					.param("found", found)
					.query((rs, row) -> new ExportedMail(rs.getString("recipient"), rs.getString("subject"),
							rs.getString("text_body"), instant(rs.getTimestamp("created_at")),
							instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("failed_at"))))
					.list());
		section.put("webhookDeliveries", jdbc.sql("""
				select endpoint_id, event_type, body, created_at, status from webhook_delivery
				where body ~ :id or exists (select 1 from unnest(cast(:found as text[])) f where strpos(body, f) > 0)
				order by created_at, id
				""")
			.param("id", id)
			.param("found", found)
			.query((rs, row) -> new ExportedDelivery(rs.getLong("endpoint_id"), rs.getString("event_type"),
					rs.getString("body"), instant(rs.getTimestamp("created_at")), rs.getString("status")))
			.list());
		return section;
	}

	@Override
	public void erase(ErasedCustomer customer) {
		if (customer.email() != null && !customer.email().isBlank()) {
			jdbc.sql("""
					update mail_outbox set failed_at = ?, last_error = 'recipient erased'
					where lower(recipient) = lower(?) and sent_at is null and failed_at is null
					""").params(Timestamp.from(clock.instant()), customer.email().strip()).update();
		}
		List<String[]> replacements = new ArrayList<>();
		add(replacements, customer.email(), "");
		add(replacements, customer.reference(), customer.erasedReference());
		add(replacements, customer.name(), customer.label());
		// the longest first, so that a name containing the reference (or the reverse) is
		// replaced whole
		replacements.sort(Comparator.comparingInt((String[] pair) -> pair[0].length()).reversed());
		for (String[] pair : replacements) {
			replace(pair[0], pair[1]);
		}
	}

	private void replace(String old, String replacement) {
		jdbc.sql("""
				update notification set args = array(select replace(a.v, :old, :new)
				                                     from unnest(args) with ordinality a(v, n) order by a.n)
				where exists (select 1 from unnest(args) a where strpos(a, :old) > 0)
				""").param("old", old).param("new", replacement).update();
		jdbc.sql("update notification_event set payload = replace(payload, :old, :new) where strpos(payload, :old) > 0")
			.param("old", old)
			.param("new", replacement)
			.update();
		jdbc.sql(
				"""
						update mail_outbox set recipient = replace(recipient, :old, :new), subject = replace(subject, :old, :new),
						    text_body = replace(text_body, :old, :new), html_body = replace(html_body, :old, :new),
						    last_error = replace(last_error, :old, :new)
						where strpos(recipient || subject || text_body || coalesce(html_body, '') || coalesce(last_error, ''), :old) > 0
						""")
			.param("old", old)
			.param("new", replacement)
			.update();
		jdbc.sql("update webhook_delivery set body = replace(body, :old, :new) where strpos(body, :old) > 0")
			.param("old", old)
			.param("new", replacement)
			.update();
		jdbc.sql("""
				update webhook_attempt set response_excerpt = replace(response_excerpt, :old, :new),
				    error = replace(error, :old, :new)
				where strpos(coalesce(response_excerpt, '') || coalesce(error, ''), :old) > 0
				""").param("old", old).param("new", replacement).update();
	}

	/**
	 * Each stored spelling of the old value, paired with the same spelling of the new
	 * one.
	 */
	private static void add(List<String[]> replacements, String old, String replacement) {
		if (old == null || old.isBlank()) {
			return;
		}
		List<String> olds = spellings(old);
		List<String> news = spellings(replacement);
		Set<String> seen = new LinkedHashSet<>();
		for (int i = 0; i < olds.size(); i++) {
			if (seen.add(olds.get(i))) {
				replacements.add(new String[] { olds.get(i), news.get(i) });
			}
		}
	}

	/**
	 * The value as notices store it, as JSON, HTML mails and Slack texts escape it, and
	 * JSON of those.
	 */
	static List<String> spellings(String value) {
		String html = HtmlUtils.htmlEscape(value, "UTF-8");
		String slack = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
		return List.of(value, json(value), html, slack, json(slack));
	}

	private static String json(String value) {
		String quoted = JSON.writeValueAsString(value);
		return quoted.substring(1, quoted.length() - 1);
	}

	private static List<String> values(String... values) {
		return java.util.Arrays.stream(values).filter(value -> value != null && !value.isBlank()).toList();
	}

	private static String idPattern(long customerId) {
		return "\"customerId\":" + customerId + "[,}]";
	}

	private static String instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant().toString();
	}

	record ExportedNotice(String username, String type, List<String> args, String link, String createdAt,
			String readAt) {
	}

	record ExportedEvent(String eventKey, String type, String occurredAt, String payload) {
	}

	record ExportedMail(String recipient, String subject, String text, String createdAt, String sentAt,
			String failedAt) {
	}

	record ExportedDelivery(long endpointId, String eventType, String body, String createdAt, String status) {
	}

}
