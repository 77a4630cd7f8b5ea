package io.shinrai.notification;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.NotFoundException;

/**
 * The webhook endpoints admins register (the admin page and {@code /api/v1/webhooks}),
 * and their delivery log.
 */
@Service
@Transactional
public class WebhookEndpoints {

	private static final String COLUMNS = "id, url, events, secret, format, enabled, disabled_at, created_at, created_by";

	private final JdbcClient jdbc;

	private final WebhookTargets targets;

	private final WebhookDeliveries deliveries;

	private final AuditLog audit;

	private final Clock clock;

	WebhookEndpoints(JdbcClient jdbc, WebhookTargets targets, WebhookDeliveries deliveries, AuditLog audit,
			Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.targets = targets;
		this.deliveries = deliveries;
		this.audit = audit;
	}

	/**
	 * Registers an endpoint.
	 * @param events stable event names ({@code case.opened}, …), at least one
	 * @param secret {@code whsec_…}, or {@code null}/blank to generate one
	 * @throws WebhookRefused for a URL that may not be called, no or unknown events, or a
	 * malformed secret
	 */
	public WebhookEndpoint create(String url, Set<String> events, String secret, WebhookFormat format, String actor) {
		String target = targets.check(url).toString();
		if (events == null || events.isEmpty()) {
			throw new WebhookRefused("events", "webhooks.events.required");
		}
		Set<String> known = new LinkedHashSet<>();
		for (NotificationType type : NotificationType.WEBHOOK_EVENTS) {
			if (events.contains(type.eventName())) {
				known.add(type.eventName());
			}
		}
		for (String event : events) {
			if (!known.contains(event)) {
				throw new WebhookRefused("events", "webhooks.events.unknown", event);
			}
		}
		String key = secret == null || secret.isBlank() ? WebhookSignature.newSecret() : secret.strip();
		if (!WebhookSignature.isValidSecret(key)) {
			throw new WebhookRefused("secret", "webhooks.secret.invalid");
		}
		long id = jdbc.sql("""
				insert into webhook_endpoint (url, events, secret, format, enabled, created_at, created_by)
				values (?, ?, ?, ?, true, ?, ?) returning id
				""")
			.params(target, known.toArray(String[]::new), key, (format == null ? WebhookFormat.JSON : format).name(),
					Timestamp.from(clock.instant()), actor)
			.query(Long.class)
			.single();
		audit.record(actor, AuditType.WEBHOOK_CREATED, subject(id), "Webhook for " + String.join(", ", known), null,
				target);
		return get(id);
	}

	@Transactional(readOnly = true)
	public List<WebhookEndpoint> list() {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoint order by id")
			.query(WebhookEndpoints::endpoint)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<WebhookEndpoint> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from webhook_endpoint where id = ?")
			.param(id)
			.query(WebhookEndpoints::endpoint)
			.optional();
	}

	@Transactional(readOnly = true)
	public WebhookEndpoint get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("webhook " + id));
	}

	/** Removes the endpoint with its deliveries and their log. */
	public void delete(long id, String actor) {
		WebhookEndpoint endpoint = get(id);
		jdbc.sql("delete from webhook_endpoint where id = ?").param(id).update();
		audit.record(actor, AuditType.WEBHOOK_DELETED, subject(id), "Webhook deleted", endpoint.url(), null);
	}

	/**
	 * Enables an endpoint again (its pending deliveries are due at once) or disables it
	 * (they wait).
	 */
	public void setEnabled(long id, boolean enabled, String actor) {
		WebhookEndpoint endpoint = get(id);
		if (endpoint.enabled() == enabled) {
			return;
		}
		jdbc.sql("update webhook_endpoint set enabled = ?, disabled_at = ? where id = ?")
			.params(enabled, enabled ? null : Timestamp.from(clock.instant()), id)
			.update();
		if (enabled) {
			jdbc.sql("update webhook_delivery set next_attempt_at = now() where endpoint_id = ? and status = 'PENDING'")
				.param(id)
				.update();
		}
		audit.record(actor, enabled ? AuditType.WEBHOOK_ENABLED : AuditType.WEBHOOK_DISABLED, subject(id),
				enabled ? "Webhook enabled" : "Webhook disabled", null, endpoint.url());
	}

	/**
	 * Queues a test event for the endpoint only, delivered like any other; returns its
	 * webhook id.
	 */
	public String sendTest(long id, String actor) {
		WebhookEndpoint endpoint = get(id);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("message", "Test event from Shinrai");
		data.put("requestedBy", actor);
		Announcement test = new Announcement(null, "test:" + UUID.randomUUID(), clock.instant(), null, 1, data,
				List.of(new Notice("webhook.test", "", List.of(actor), "/admin/webhooks/" + id, 1)));
		return deliveries.enqueue(endpoint, test, "webhook.test");
	}

	/** The latest attempts of the endpoint's deliveries, newest first. */
	@Transactional(readOnly = true)
	public List<DeliveryLogRow> log(long id, int limit) {
		return jdbc.sql("""
				select d.id, d.event_type, d.status, d.attempts, a.attempted_at, a.status_code, a.duration_ms,
				       a.response_excerpt, a.error
				from webhook_attempt a join webhook_delivery d on d.id = a.delivery_id
				where d.endpoint_id = ? order by a.attempted_at desc, a.id desc limit ?
				""")
			.params(id, limit)
			.query((rs, row) -> new DeliveryLogRow(rs.getString("id"), rs.getString("event_type"),
					rs.getString("status"), rs.getInt("attempts"), rs.getTimestamp("attempted_at").toInstant(),
					(Integer) rs.getObject("status_code"), rs.getInt("duration_ms"), rs.getString("response_excerpt"),
					rs.getString("error")))
			.list();
	}

	/** Deliveries waiting for their (next) attempt. */
	@Transactional(readOnly = true)
	public long pending(long id) {
		return jdbc.sql("select count(*) from webhook_delivery where endpoint_id = ? and status = 'PENDING'")
			.param(id)
			.query(Long.class)
			.single();
	}

	static String subject(long id) {
		return "webhook:" + id;
	}

	static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
		Array events = rs.getArray("events");
		Timestamp disabled = rs.getTimestamp("disabled_at");
		return new WebhookEndpoint(rs.getLong("id"), rs.getString("url"),
				new ArrayList<>(Arrays.asList((String[]) events.getArray())), rs.getString("secret"),
				WebhookFormat.valueOf(rs.getString("format")), rs.getBoolean("enabled"),
				disabled == null ? null : disabled.toInstant(), rs.getTimestamp("created_at").toInstant(),
				rs.getString("created_by"));
	}

	/**
	 * One attempt of a delivery.
	 *
	 * @param status the delivery's status now: PENDING, DELIVERED or FAILED
	 * @param statusCode the receiver's HTTP status, {@code null} when there was no
	 * response
	 */
	public record DeliveryLogRow(String deliveryId, String eventType, String status, int attempts, Instant attemptedAt,
			Integer statusCode, int durationMillis, String responseExcerpt, String error) {

		public boolean succeeded() {
			return statusCode != null && statusCode >= 200 && statusCode < 300;
		}

	}

}
