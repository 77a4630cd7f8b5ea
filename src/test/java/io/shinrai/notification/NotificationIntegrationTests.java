package io.shinrai.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.shinrai.IntegrationTest;
import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;
import io.shinrai.insight.TrustWarningRaised;
import io.shinrai.recovery.CaseSearch;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryAction;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.recovery.RecoveryCasesOverdue;
import io.shinrai.scoring.TrustDropped;
import io.shinrai.scoring.TrustWatch;
import jakarta.mail.internet.MimeMessage;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The notifications end to end, on the real PostgreSQL, with GreenMail as the SMTP server
 * and MockWebServer as the webhook receiver, both on loopback. Events travel through the
 * event publication registry (after the commit, on another thread), so the tests wait for
 * their effects.
 */
@IntegrationTest
class NotificationIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int SMTP_PORT = freePort();

	private static GreenMail smtp = startSmtp();

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
		registry.add("shinrai.mail.from", () -> "shinrai@example.test");
		registry.add("shinrai.base-url", () -> "https://shinrai.example.test");
		// four attempts in all, so that giving up can be tested without waiting a day
		registry.add("shinrai.webhooks.retry-delays", () -> "30s,1m,1m");
		registry.add("shinrai.scoring.trust-drop.points", () -> "1");
	}

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private NotificationPreferences preferences;

	@Autowired
	private FeedbackLog feedbackLog;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private WebhookDeliveries deliveries;

	@Autowired
	private MailDispatcher mails;

	@Autowired
	private Digests digests;

	@Autowired
	private TrustWatch trustWatch;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	private MockWebServer receiver;

	private final List<Long> createdEndpoints = new ArrayList<>();

	@BeforeEach
	void startReceiver() throws Exception {
		receiver = new MockWebServer();
		receiver.start(InetAddress.getLoopbackAddress(), 0);
		smtp.purgeEmailFromAllMailboxes();
	}

	@AfterEach
	void removeEndpoints() {
		createdEndpoints.forEach(id -> endpoints.find(id).ifPresent(endpoint -> endpoints.delete(id, "test")));
		receiver.close();
	}

	@AfterAll
	static void stopSmtp() {
		smtp.stop();
	}

	@Test
	void negativeFeedbackReachesTheAppMailAndASignedWebhook() throws Exception {
		String manager = user(Role.MANAGER, Locale.ENGLISH);
		preferences.save(manager, Role.MANAGER,
				Map.of(NotificationType.FEEDBACK_NEGATIVE, new NotificationType.Choice(true, true)));
		WebhookEndpoint endpoint = endpoint(Set.of("feedback.negative", "case.opened"), WebhookFormat.JSON);
		receiver.enqueue(ok());
		receiver.enqueue(ok());

		StoredFeedback stored = feedbackLog
			.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.FORM));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(texts(manager, Locale.ENGLISH)).contains(
					"Negative feedback from " + stored.customerName(),
					"New recovery case for " + stored.customerName()));
		assertThat(mails.sendDue()).isGreaterThanOrEqualTo(2);
		List<MimeMessage> received = mailsTo(manager);
		assertThat(received).extracting(MimeMessage::getSubject)
			.contains("[Shinrai] Negative feedback from " + stored.customerName(),
					"[Shinrai] New recovery case for " + stored.customerName());
		String body = plainText(received.get(0));
		assertThat(body).contains("https://shinrai.example.test/");

		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries.countsByStatus(endpoint.id()).getOrDefault("PENDING", 0L) == 2);
		assertThat(deliveries.deliverDue()).isGreaterThanOrEqualTo(2);
		Map<String, JsonNode> byType = new java.util.HashMap<>();
		for (int i = 0; i < 2; i++) {
			RecordedRequest request = receiver.takeRequest(5, TimeUnit.SECONDS);
			String json = request.getBody().utf8();
			assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), request.getHeaders().get("webhook-id"),
					request.getHeaders().get("webhook-timestamp"), json, request.getHeaders().get("webhook-signature")))
				.as("signature of %s", json)
				.isTrue();
			JsonNode node = JSON.readTree(json);
			byType.put(node.get("type").asString(), node);
		}
		assertThat(byType).containsOnlyKeys("feedback.negative", "case.opened");
		JsonNode entry = byType.get("feedback.negative").get("data").get("entries").get(0);
		assertThat(entry.get("feedbackId").asLong()).isEqualTo(stored.id());
		assertThat(entry.get("customerRef").asString()).isEqualTo(stored.customerRef());
		assertThat(entry.get("url").asString()).isEqualTo("https://shinrai.example.test/feedback/" + stored.id());
		assertThat(byType.get("case.opened").get("data").get("cases").get(0).get("customerId").asLong())
			.isEqualTo(stored.customerId());
		assertThat(endpoints.log(endpoint.id(), 10)).hasSize(2)
			.allSatisfy(row -> assertThat(row.statusCode()).isEqualTo(200));
	}

	@Test
	void mailsAreWrittenInEachRecipientsLanguage() throws Exception {
		String english = user(Role.MANAGER, Locale.ENGLISH);
		String japanese = user(Role.MANAGER, Locale.JAPANESE);
		StoredFeedback stored = feedbackLog
			.log(negative(customerRef(), Instant.now().minus(2, ChronoUnit.HOURS), Source.API));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			mails.sendDue();
			assertThat(mailsTo(english)).isNotEmpty();
			assertThat(mailsTo(japanese)).isNotEmpty();
		});
		MimeMessage inEnglish = mailsTo(english).get(0);
		MimeMessage inJapanese = mailsTo(japanese).get(0);
		assertThat(inEnglish.getSubject()).isEqualTo("[Shinrai] New recovery case for " + stored.customerName());
		assertThat(inJapanese.getSubject()).isEqualTo("[Shinrai] " + stored.customerName() + " の新しい信頼回復ケース");
		assertThat(plainText(inJapanese)).contains("Shinrai の通知設定");
		assertThat(inEnglish.getContentType()).startsWith("multipart/");
		assertThat(inEnglish.getFrom()[0].toString()).isEqualTo("shinrai@example.test");
	}

	@Test
	void preferencesDecideWhoIsToldWhat() throws Exception {
		String staff = user(Role.STAFF, Locale.ENGLISH);
		String manager = user(Role.MANAGER, Locale.ENGLISH);
		String quietManager = user(Role.MANAGER, Locale.ENGLISH);
		preferences.save(quietManager, Role.MANAGER,
				Map.of(NotificationType.CASE_OPENED, new NotificationType.Choice(false, false)));
		preferences.save(staff, Role.STAFF,
				Map.of(NotificationType.FEEDBACK_LOGGED, new NotificationType.Choice(true, false)));
		assertThat(preferences.of(staff, Role.STAFF)).doesNotContainKey(NotificationType.WEBHOOK_DISABLED);
		assertThat(preferences.of(manager, Role.MANAGER).get(NotificationType.CASE_OPENED))
			.isEqualTo(new NotificationType.Choice(true, true));

		StoredFeedback stored = feedbackLog
			.log(negative(customerRef(), Instant.now().minus(3, ChronoUnit.HOURS), Source.FORM));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(texts(manager, Locale.ENGLISH)).contains("New recovery case for " + stored.customerName())
				.doesNotContain("New feedback from " + stored.customerName());
			assertThat(texts(staff, Locale.ENGLISH)).contains("New feedback from " + stored.customerName())
				.doesNotContain("New recovery case for " + stored.customerName());
		});
		mails.sendDue();
		assertThat(mailsTo(staff)).isEmpty();
		assertThat(texts(quietManager, Locale.ENGLISH))
			.doesNotContain("New recovery case for " + stored.customerName());
		assertThat(mailsTo(quietManager)).extracting(MimeMessage::getSubject)
			.doesNotContain("[Shinrai] New recovery case for " + stored.customerName());
	}

	@Test
	void feedbackNobodyIsToBeToldAboutGivesTheRegistryNothing() {
		transactions.executeWithoutResult(status -> {
			// undone at the end: other tests' choices and endpoints stay as they were
			status.setRollbackOnly();
			jdbc.sql("delete from notification_preference where event_type in ('feedback.logged', 'feedback.negative')")
				.update();
			jdbc.sql("update webhook_endpoint set enabled = false").update();
			StoredFeedback untold = feedbackLog
				.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.API));
			assertThat(publicationsAbout(untold)).isZero();

			jdbc.sql("""
					insert into notification_preference (username, event_type, in_app, email)
					values ('someone', 'feedback.negative', false, true)
					""").update();
			StoredFeedback told = feedbackLog
				.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.API));
			assertThat(publicationsAbout(told)).isOne();
		});
	}

	private long publicationsAbout(StoredFeedback stored) {
		return jdbc.sql("""
				select count(*) from event_publication
				where event_type = ? and serialized_event like '%"feedbackId":' || ? || ',%'
				""").param(FeedbackToAnnounce.class.getName()).param(stored.id()).query(Long.class).single();
	}

	@Test
	void caseMovesOverdueCasesAndCustomerStatusAreAnnounced() throws Exception {
		String manager = user(Role.MANAGER, Locale.ENGLISH);
		preferences.save(manager, Role.MANAGER,
				Map.of(NotificationType.CASE_STATUS_CHANGED, new NotificationType.Choice(true, false),
						NotificationType.CUSTOMER_STATUS_CHANGED, new NotificationType.Choice(true, false)));
		WebhookEndpoint endpoint = endpoint(Set.of("case.status_changed", "case.overdue", "customer.status_changed"),
				WebhookFormat.JSON);
		StoredFeedback stored = feedbackLog
			.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.FORM));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(texts(manager, Locale.ENGLISH))
				.contains(stored.customerName() + " is now on WATCH"));
		CaseSummary opened = cases
			.search(new CaseSearch(Set.of(), false, null, false, stored.customerId(), CaseSearch.Sort.DUE, 0, 10))
			.getContent()
			.get(0);

		cases.apply(opened.id(), cases.details(opened.id()).version(), RecoveryAction.ACKNOWLEDGE, manager);
		transactions.executeWithoutResult(status -> events
			.publishEvent(new RecoveryCasesOverdue(List.of(new RecoveryCasesOverdue.OverdueCase(opened.id(),
					stored.customerId(), manager, Instant.now(), Instant.now())))));

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(texts(manager, Locale.ENGLISH)).contains(
					"The recovery case of " + stored.customerName() + " was acknowledged by " + manager,
					"The recovery case of " + stored.customerName() + " is overdue"));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries.countsByStatus(endpoint.id()).getOrDefault("PENDING", 0L) == 3);
		for (int i = 0; i < 3; i++) {
			receiver.enqueue(ok());
		}
		deliveries.deliverDue();
		List<String> types = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			JsonNode body = JSON.readTree(receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
			types.add(body.get("type").asString());
			if (body.get("type").asString().equals("customer.status_changed")) {
				JsonNode change = body.get("data").get("customers").get(0);
				assertThat(change.get("from").asString()).isEqualTo("OK");
				assertThat(change.get("to").asString()).isEqualTo("WATCH");
			}
			if (body.get("type").asString().equals("case.status_changed")) {
				assertThat(body.get("data").get("to").asString()).isEqualTo("ACKNOWLEDGED");
			}
		}
		assertThat(types).containsExactlyInAnyOrder("customer.status_changed", "case.status_changed", "case.overdue");
	}

	@Test
	void anImportIsSummarisedOncePerRecipient() throws Exception {
		String manager = user(Role.MANAGER, Locale.ENGLISH);
		WebhookEndpoint endpoint = endpoint(Set.of("case.opened"), WebhookFormat.JSON);
		int customers = 12;
		Path file = Files.createTempFile("import", ".csv");
		StringBuilder csv = new StringBuilder(
				"external_id,customer_ref,customer_name,segment,received_at,channel,category,transparency,consistency,"
						+ "communication,quality,values,nps,csat,ces,incidents,comment\n");
		String run = UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < customers; i++) {
			csv.append("N-")
				.append(run)
				.append('-')
				.append(i)
				.append(",I-")
				.append(run)
				.append('-')
				.append(i)
				.append(",Imported ")
				.append(i)
				.append(",Import,")
				.append(Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS))
				.append(",EMAIL,SERVICE,1,1,1,1,1,0,,,,broken\n");
		}
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		FeedbackImport job = imports.run(file, "history.csv", manager);
		assertThat(job.imported()).isEqualTo(customers);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			mails.sendDue();
			assertThat(mailsTo(manager)).hasSize(1);
		});
		assertThat(texts(manager, Locale.ENGLISH)).contains(customers + " new recovery cases from import " + job.id())
			.noneMatch(text -> text.contains("Imported "));
		MimeMessage summary = mailsTo(manager).get(0);
		assertThat(summary.getSubject()).isEqualTo("[Shinrai] Import history.csv (#" + job.id() + ") finished");
		assertThat(plainText(summary)).contains(customers + " new recovery cases");
		// one webhook call for the batch, listing every case
		await().atMost(Duration.ofSeconds(30))
			.until(() -> deliveries.countsByStatus(endpoint.id()).getOrDefault("PENDING", 0L) == 1);
		receiver.enqueue(ok());
		deliveries.deliverDue();
		JsonNode body = JSON.readTree(receiver.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
		assertThat(body.get("data").get("importId").asLong()).isEqualTo(job.id());
		assertThat(body.get("data").get("cases").size()).isEqualTo(customers);
		Files.deleteIfExists(file);
	}

	@Test
	void aReceiverOutageDelaysDeliveryWithTheSameIdAndAFreshWorkerPicksUpWhatACrashLeft() throws Exception {
		WebhookEndpoint endpoint = endpoint(Set.of("feedback.logged"), WebhookFormat.SLACK);
		String id = endpoints.sendTest(endpoint.id(), "admin");
		receiver.close();

		deliveries.deliverDue();
		WebhookEndpoints.DeliveryLogRow failed = endpoints.log(endpoint.id(), 1).get(0);
		assertThat(failed.statusCode()).isNull();
		assertThat(failed.error()).isNotBlank();
		Instant next = jdbc.sql("select next_attempt_at from webhook_delivery where id = ?")
			.param(id)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		assertThat(next).isBetween(Instant.now().plusSeconds(20), Instant.now().plusSeconds(60));

		// the receiver is back on the same port, answering 503 first
		receiver = new MockWebServer();
		receiver.start(InetAddress.getLoopbackAddress(), endpointPort(endpoint));
		receiver.enqueue(new MockResponse.Builder().code(503).body("maintenance").build());
		receiver.enqueue(ok());
		makeDue(id);
		deliveries.deliverDue();
		makeDue(id);
		// an instance claimed it and died mid-call: the row is leased, its lease ran out;
		// a fresh worker sends it
		jdbc.sql(
				"update webhook_delivery set attempts = attempts + 1, next_attempt_at = now() - interval '1 second' where id = ?")
			.param(id)
			.update();
		deliveries.deliverDue();

		RecordedRequest first = receiver.takeRequest(5, TimeUnit.SECONDS);
		RecordedRequest second = receiver.takeRequest(5, TimeUnit.SECONDS);
		assertThat(first.getHeaders().get("webhook-id")).isEqualTo(id);
		assertThat(second.getHeaders().get("webhook-id")).isEqualTo(id);
		assertThat(first.getBody().utf8()).isEqualTo(second.getBody().utf8());
		assertThat(JSON.readTree(second.getBody().utf8()).get("text").asString()).contains("Shinrai からのテストイベント");
		assertThat(StandardWebhooksVerifier.verify(endpoint.secret(), id, second.getHeaders().get("webhook-timestamp"),
				second.getBody().utf8(), second.getHeaders().get("webhook-signature")))
			.isTrue();
		assertThat(deliveries.countsByStatus(endpoint.id())).containsEntry("DELIVERED", 1L);
		assertThat(endpoints.log(endpoint.id(), 10)).extracting(WebhookEndpoints.DeliveryLogRow::statusCode)
			.containsExactly(200, 503, null);
	}

	@Test
	void repeatedFailureDisablesTheEndpointAndTellsAdmins() throws Exception {
		String admin = user(Role.ADMIN, Locale.ENGLISH);
		WebhookEndpoint endpoint = endpoint(Set.of("trust.dropped"), WebhookFormat.JSON);
		String id = endpoints.sendTest(endpoint.id(), admin);
		for (int attempt = 1; attempt <= 4; attempt++) {
			receiver.enqueue(new MockResponse.Builder().code(500).body("boom").build());
			makeDue(id);
			deliveries.deliverDue();
		}
		assertThat(endpoints.get(endpoint.id()).enabled()).isFalse();
		assertThat(deliveries.countsByStatus(endpoint.id())).containsEntry("FAILED", 1L);
		assertThat(receiver.getRequestCount()).isEqualTo(4);
		assertThat(texts(admin, Locale.ENGLISH))
			.contains("The webhook to " + endpoint.url() + " was disabled after failing for more than a day");
		mails.sendDue();
		assertThat(mailsTo(admin)).extracting(MimeMessage::getSubject)
			.contains("[Shinrai] The webhook to " + endpoint.url() + " was disabled after failing for more than a day");
	}

	@Test
	void aMailServerOutageDelaysMailsButLosesNone() throws Exception {
		String manager = user(Role.MANAGER, Locale.ENGLISH);
		smtp.stop();
		try {
			feedbackLog.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.FORM));
			await().atMost(Duration.ofSeconds(30)).until(() -> queuedFor(manager) == 1);
			mails.sendDue();
			assertThat(jdbc.sql("select attempts from mail_outbox where recipient = ?")
				.param(email(manager))
				.query(Integer.class)
				.single()).isEqualTo(1);
		}
		finally {
			smtp = startSmtp();
		}
		jdbc.sql("update mail_outbox set next_attempt_at = now() where recipient = ?").param(email(manager)).update();
		mails.sendDue();
		assertThat(mailsTo(manager)).hasSize(1);
	}

	@Test
	void theDigestIsSentOncePerDayAndOnlyWithSomethingToSay() throws Exception {
		String owner = user(Role.MANAGER, Locale.ENGLISH);
		String idle = user(Role.MANAGER, Locale.ENGLISH);
		preferences.save(owner, Role.MANAGER,
				Map.of(NotificationType.CASE_OPENED, new NotificationType.Choice(false, false)));
		preferences.save(idle, Role.MANAGER,
				Map.of(NotificationType.CASE_OPENED, new NotificationType.Choice(false, false)));
		StoredFeedback stored = feedbackLog
			.log(negative(customerRef(), Instant.now().minus(1, ChronoUnit.HOURS), Source.FORM));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !cases
				.search(new CaseSearch(Set.of(), false, null, false, stored.customerId(), CaseSearch.Sort.DUE, 0, 10))
				.isEmpty());
		CaseSummary opened = cases
			.search(new CaseSearch(Set.of(), false, null, false, stored.customerId(), CaseSearch.Sort.DUE, 0, 10))
			.getContent()
			.get(0);
		cases.assign(opened.id(), cases.details(opened.id()).version(), owner, "admin");

		// 09:00 in Tokyo on some future day, so that no earlier run claimed it
		LocalDate day = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1 + (long) (Math.random() * 10000));
		Instant nine = day.atTime(9, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
		Instant seven = day.atTime(7, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
		digests.sendDue(seven);
		mails.sendDue();
		assertThat(mailsTo(owner)).isEmpty();

		digests.sendDue(nine);
		digests.sendDue(nine.plusSeconds(300));
		mails.sendDue();
		assertThat(mailsTo(owner)).hasSize(1);
		MimeMessage digest = mailsTo(owner).get(0);
		assertThat(digest.getSubject()).startsWith("[Shinrai] Your digest for " + day + ": ");
		assertThat(plainText(digest)).contains(stored.customerName());
		assertThat(mailsTo(idle)).isEmpty();
		assertThat(jdbc.sql("select mailed from digest_run where username = ? and digest_date = ?")
			.params(idle, day)
			.query(Boolean.class)
			.single()).isFalse();
	}

	@Test
	void aTrustDropIsAnnouncedOncePerScopeAndDrop() {
		String admin = user(Role.ADMIN, Locale.ENGLISH);
		String segment = "Drop-" + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		for (int i = 0; i < 6; i++) {
			feedbackLog.log(rated(customerRef(), segment, now.minus(30 + i, ChronoUnit.DAYS), 5));
		}
		for (int i = 0; i < 6; i++) {
			feedbackLog.log(rated(customerRef(), segment, now.minus(i + 1, ChronoUnit.HOURS), 1));
		}

		List<TrustDropped> first = trustWatch.checkDrops(now);
		List<TrustDropped> second = trustWatch.checkDrops(now.plusSeconds(60));

		assertThat(first).filteredOn(drop -> segment.equals(drop.segment()))
			.singleElement()
			.satisfies(drop -> assertThat(drop.drop()).isGreaterThanOrEqualTo(1));
		assertThat(second).noneMatch(drop -> segment.equals(drop.segment()));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(texts(admin, Locale.ENGLISH))
				.anyMatch(text -> text.startsWith("Trust of segment " + segment + " fell from ")));
	}

	@Test
	void anEarlyWarningIsAnnouncedAsATrustDropInTheUsersLanguage() {
		String english = user(Role.ADMIN, Locale.ENGLISH);
		String japanese = user(Role.ADMIN, Locale.JAPANESE);
		String segment = "Warn-" + UUID.randomUUID().toString().substring(0, 8);
		Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		long warningId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
		transactions.executeWithoutResult(status -> events.publishEvent(new TrustWarningRaised(warningId, "SEGMENT",
				segment, to.minus(28, ChronoUnit.DAYS), to, 71.25, 62.5, 8.75, List.of("consistency"), List.of("配送"))));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(texts(english, Locale.ENGLISH)).contains("Early warning: trust of segment " + segment
					+ " is falling faster than usual, from 71.3 to 62.5 over the last 4 weeks");
			assertThat(texts(japanese, Locale.JAPANESE))
				.contains("早期警戒：セグメント " + segment + " の信頼度が通常より速く下がっています（過去 4 週間で 71.3 から 62.5）");
		});
	}

	private String user(Role role, Locale locale) {
		String username = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		accounts.create(username, "User " + username, "test-password-1", role);
		accounts.changeEmail(username, email(username), "test");
		accounts.rememberLocale(username, locale);
		return username;
	}

	private static String email(String username) {
		return username + "@example.test";
	}

	private List<String> texts(String username, Locale locale) {
		return notifications().latest(username, 50, locale).stream().map(Notifications.NotificationView::text).toList();
	}

	@Autowired
	private Notifications notificationStore;

	private Notifications notifications() {
		return notificationStore;
	}

	private List<MimeMessage> mailsTo(String username) throws Exception {
		List<MimeMessage> found = new ArrayList<>();
		for (MimeMessage message : smtp.getReceivedMessages()) {
			if (message.getAllRecipients()[0].toString().equals(email(username))) {
				found.add(message);
			}
		}
		return found;
	}

	/** The text/plain part of a mail, decoded. */
	private static String plainText(jakarta.mail.Part part) throws Exception {
		if (part.isMimeType("text/plain")) {
			return (String) part.getContent();
		}
		if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				String text = plainText(multipart.getBodyPart(i));
				if (text != null) {
					return text;
				}
			}
		}
		return null;
	}

	private long queuedFor(String username) {
		return jdbc.sql("select count(*) from mail_outbox where recipient = ?")
			.param(email(username))
			.query(Long.class)
			.single();
	}

	private WebhookEndpoint endpoint(Set<String> events, WebhookFormat format) {
		WebhookEndpoint endpoint = endpoints.create(receiver.url("/hooks").toString(), events, null, format, "admin");
		createdEndpoints.add(endpoint.id());
		return endpoint;
	}

	private static int endpointPort(WebhookEndpoint endpoint) {
		return java.net.URI.create(endpoint.url()).getPort();
	}

	private void makeDue(String deliveryId) {
		jdbc.sql("update webhook_delivery set next_attempt_at = now() where id = ?").param(deliveryId).update();
	}

	private static MockResponse ok() {
		return new MockResponse.Builder().code(200).body("ok").build();
	}

	private static String customerRef() {
		return "NT-" + UUID.randomUUID();
	}

	private static NewFeedback negative(String customerRef, Instant at, Source source) {
		EnumMap<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		ratings.put(Signal.QUALITY, 1);
		EnumMap<IncidentType, String> incidents = new EnumMap<>(IncidentType.class);
		incidents.put(IncidentType.values()[0], null);
		return new NewFeedback(customerRef, "Customer " + customerRef.substring(3, 11), "Notify", at, Channel.EMAIL,
				Category.SERVICE, ratings, 2, null, null, incidents, "late again", null, null, source, "admin", null);
	}

	private static NewFeedback rated(String customerRef, String segment, Instant at, int rating) {
		EnumMap<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			ratings.put(signal, rating);
		}
		return new NewFeedback(customerRef, "Customer " + customerRef.substring(3, 11), segment, at, Channel.EMAIL,
				Category.SERVICE, ratings, rating == 5 ? 10 : 0, null, null, null, null, null, null, Source.API,
				"admin", null);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static GreenMail startSmtp() {
		GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		server.start();
		return server;
	}

}
