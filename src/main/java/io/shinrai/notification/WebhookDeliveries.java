package io.shinrai.notification;

import io.shinrai.system.DefaultLanguage;
import io.shinrai.system.OutboundProperties;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Webhook deliveries: one row per endpoint and event (the outbox for HTTP) with a stable
 * id, the {@code webhook-id} of every attempt. A poller claims due rows with
 * {@code FOR UPDATE SKIP LOCKED} and leases them, so several instances share the work and
 * a delivery interrupted by a crash is attempted again after the lease. A 2xx answer
 * delivers; anything else, a timeout or a refused target is retried per the retry
 * schedule; after the last attempt the delivery fails and its endpoint is disabled
 * ({@link EndpointDisabled}), which admins are told about.
 */
@Component
class WebhookDeliveries {

	private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int BATCH = 20;

	private static final int EXCERPT = 500;

	private final JdbcClient jdbc;

	private final WebhookTargets targets;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final RetrySchedule retries;

	private final Duration timeout;

	private final Duration lease;

	private final Locale slackLocale;

	private final String baseUrl;

	private final HttpClient http;

	private final Clock clock;

	private final MeterRegistry meters;

	WebhookDeliveries(JdbcClient jdbc, WebhookTargets targets, MessageSource messages, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, NotificationProperties properties,
			DefaultLanguage defaultLanguage, OutboundProperties outbound, Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.meters = meters;
		this.targets = targets;
		this.messages = messages;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.retries = new RetrySchedule(properties.webhooks().retryDelays());
		this.timeout = properties.webhooks().timeout();
		// a lease longer than any attempt can take: the call, plus connecting
		this.lease = timeout.multipliedBy(3).plusSeconds(30);
		this.slackLocale = defaultLanguage.locale();
		this.baseUrl = outbound.baseUrl();
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	/**
	 * Queues the announcement for every enabled endpoint that wants its type, in the
	 * caller's transaction.
	 */
	void enqueueAll(Announcement announcement) {
		String eventName = announcement.type().eventName();
		List<WebhookEndpoint> endpoints = jdbc
			.sql("select id, url, events, secret, format, enabled, disabled_at, "
					+ "created_at, created_by from webhook_endpoint where enabled and ? = any(events)")
			.param(eventName)
			.query(WebhookEndpoints::endpoint)
			.list();
		for (WebhookEndpoint endpoint : endpoints) {
			enqueue(endpoint, announcement, eventName);
		}
	}

	/** Queues one delivery (once per endpoint and event) and returns its webhook id. */
	String enqueue(WebhookEndpoint endpoint, Announcement announcement, String eventName) {
		String id = deliveryId(endpoint.id(), announcement.eventKey());
		jdbc.sql(
				"""
						insert into webhook_delivery (id, endpoint_id, event_key, event_type, body, created_at, status, next_attempt_at)
						values (:id, :endpoint, :key, :type, :body, :now, 'PENDING', :now)
						on conflict (endpoint_id, event_key) do nothing
						""")
			.param("id", id)
			.param("endpoint", endpoint.id())
			.param("key", announcement.eventKey())
			.param("type", eventName)
			.param("body", body(endpoint.format(), eventName, announcement))
			.param("now", Timestamp.from(clock.instant()))
			.update();
		return id;
	}

	/**
	 * The same for every retry and every instance: {@code msg_} and a name-based UUID of
	 * endpoint and event.
	 */
	static String deliveryId(long endpointId, String eventKey) {
		UUID uuid = UUID.nameUUIDFromBytes((endpointId + "|" + eventKey).getBytes(StandardCharsets.UTF_8));
		return "msg_" + uuid.toString().replace("-", "");
	}

	private String body(WebhookFormat format, String eventName, Announcement announcement) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (format == WebhookFormat.SLACK) {
			StringBuilder text = new StringBuilder();
			List<Notice> notices = announcement.notices();
			for (int i = 0; i < notices.size() && i < 10; i++) {
				Notice notice = notices.get(i);
				String line = messages.getMessage("notification." + notice.variant(),
						notice.messageArgs(notice.count()), slackLocale);
				text.append(i == 0 ? "" : "\n")
					.append("<")
					.append(baseUrl)
					.append(notice.link())
					.append("|")
					.append(line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
					.append(">");
			}
			if (notices.size() > 10) {
				text.append("\n…");
			}
			body.put("text", text.toString());
		}
		else {
			body.put("type", eventName);
			body.put("timestamp", announcement.occurredAt().toString());
			body.put("data", announcement.data());
		}
		return JSON.writeValueAsString(body);
	}

	@Scheduled(cron = "${shinrai.webhooks.dispatch.cron}")
	void scheduledRun() {
		deliverDue();
	}

	/**
	 * Attempts the deliveries due now, batch after batch; returns how many were
	 * delivered.
	 */
	int deliverDue() {
		int delivered = 0;
		List<Claimed> batch;
		do {
			batch = claim();
			for (Claimed claimed : batch) {
				if (attempt(claimed)) {
					delivered++;
				}
			}
		}
		while (batch.size() == BATCH);
		return delivered;
	}

	private List<Claimed> claim() {
		Instant now = clock.instant();
		return transactions.execute(status -> jdbc
			.sql("""
					with due as (
					    select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
					    where d.status = 'PENDING' and e.enabled and d.next_attempt_at <= :now
					    order by d.next_attempt_at, d.id limit :batch
					    for update of d skip locked)
					update webhook_delivery d set attempts = d.attempts + 1, next_attempt_at = :lease, last_attempt_at = :now
					from due, webhook_endpoint e
					where d.id = due.id and e.id = d.endpoint_id
					returning d.id, d.endpoint_id, d.body, d.attempts, e.url, e.secret
					""")
			.param("now", Timestamp.from(now))
			.param("lease", Timestamp.from(now.plus(lease)))
			.param("batch", BATCH)
			.query((rs, row) -> new Claimed(rs.getString("id"), rs.getLong("endpoint_id"), rs.getString("body"),
					rs.getInt("attempts"), rs.getString("url"), rs.getString("secret")))
			.list());
	}

	private boolean attempt(Claimed claimed) {
		long start = System.nanoTime();
		Integer statusCode = null;
		String excerpt = null;
		String error = null;
		try {
			URI target = targets.check(claimed.url());
			long timestamp = clock.instant().getEpochSecond();
			HttpRequest request = HttpRequest.newBuilder(target)
				.timeout(timeout)
				.header("Content-Type", "application/json")
				.header("User-Agent", "Shinrai-Webhooks/1")
				.header("webhook-id", claimed.id())
				.header("webhook-timestamp", Long.toString(timestamp))
				.header("webhook-signature",
						WebhookSignature.sign(claimed.secret(), claimed.id(), timestamp, claimed.body()))
				.POST(HttpRequest.BodyPublishers.ofString(claimed.body(), StandardCharsets.UTF_8))
				.build();
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			statusCode = response.statusCode();
			try (InputStream in = response.body()) {
				excerpt = new String(in.readNBytes(EXCERPT * 4), StandardCharsets.UTF_8);
				excerpt = excerpt.substring(0, Math.min(excerpt.length(), EXCERPT));
			}
		}
		catch (WebhookRefused ex) {
			error = messages.getMessage(ex.key(), ex.args(), Locale.ENGLISH);
		}
		catch (HttpTimeoutException ex) {
			error = "timed out after " + timeout.toSeconds() + " s";
		}
		catch (IOException ex) {
			error = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			// the lease runs out and another poll attempts it again
			return false;
		}
		int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
		boolean delivered = statusCode != null && statusCode >= 200 && statusCode < 300;
		if (!delivered && error == null) {
			error = "HTTP " + statusCode;
		}
		record(claimed, delivered, statusCode, millis, excerpt, error);
		return delivered;
	}

	private void record(Claimed claimed, boolean delivered, Integer statusCode, int millis, String excerpt,
			String error) {
		transactions.executeWithoutResult(status -> {
			int updated;
			if (delivered) {
				updated = jdbc.sql("update webhook_delivery set status = 'DELIVERED' where id = ?")
					.param(claimed.id())
					.update();
			}
			else {
				Duration wait = retries.after(claimed.attempts());
				updated = wait == null
						? jdbc.sql("update webhook_delivery set status = 'FAILED' where id = ?")
							.param(claimed.id())
							.update()
						: jdbc.sql("update webhook_delivery set next_attempt_at = ? where id = ?")
							.params(Timestamp.from(clock.instant().plus(wait)), claimed.id())
							.update();
				if (wait == null && updated == 1) {
					disable(claimed.endpointId(), claimed.url());
				}
			}
			if (updated == 1) {
				String outcome = delivered ? "delivered"
						: retries.after(claimed.attempts()) == null ? "failed" : "retry";
				Counter.builder("shinrai.webhook.deliveries")
					.description("Attempts to deliver a webhook call, by outcome")
					.tag("outcome", outcome)
					.register(meters)
					.increment();
				jdbc.sql(
						"""
								insert into webhook_attempt (delivery_id, attempted_at, status_code, duration_ms, response_excerpt, error)
								values (?, ?, ?, ?, ?, ?)
								""")
					.params(claimed.id(), Timestamp.from(clock.instant()), statusCode, millis, excerpt, error)
					.update();
			}
		});
		if (!delivered) {
			log.info("Webhook delivery {} to {} failed (attempt {}): {}", claimed.id(), claimed.url(),
					claimed.attempts(), error);
		}
	}

	private void disable(long endpointId, String url) {
		int disabled = jdbc
			.sql("update webhook_endpoint set enabled = false, disabled_at = now() where id = ? and enabled")
			.param(endpointId)
			.update();
		if (disabled == 1) {
			log.warn("Webhook endpoint {} ({}) disabled after repeated failure", endpointId, url);
			events.publishEvent(new EndpointDisabled(endpointId, url, clock.instant()));
		}
	}

	/** Deliveries per status (for tests and the admin page). */
	Map<String, Long> countsByStatus(long endpointId) {
		Map<String, Long> counts = new HashMap<>();
		jdbc.sql("select status, count(*) as n from webhook_delivery where endpoint_id = ? group by status")
			.param(endpointId)
			.query((rs, row) -> counts.put(rs.getString("status"), rs.getLong("n")))
			.list();
		return counts;
	}

	/**
	 * An endpoint was disabled because a delivery failed for good; published inside that
	 * transaction.
	 */
	record EndpointDisabled(long endpointId, String url, Instant at) {
	}

	private record Claimed(String id, long endpointId, String body, int attempts, String url, String secret) {
	}

}
