package io.shinrai.privacy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.csv.FeedbackImport;
import io.shinrai.feedback.csv.FeedbackImports;
import io.shinrai.notification.NotificationPreferences;
import io.shinrai.notification.NotificationType;
import io.shinrai.notification.WebhookEndpoints;
import io.shinrai.notification.WebhookFormat;
import io.shinrai.promise.NewPromise;
import io.shinrai.promise.Promises;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.TrustScore;
import io.shinrai.scoring.TrustScores;
import io.shinrai.survey.SurveyLinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Export and erasure of a customer with personal data in every place, on the real
 * database: what the export holds, that nothing of it is left anywhere after the erasure
 * while every score stays the same, that re-imports and re-posted API bodies store
 * nothing, and that concurrent erasures and an erasure during an import are safe. A mail
 * server is configured (the tests never run the mail poller) so that notification mails
 * are queued.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "shinrai.mail.from=shinrai@example.test" })
class PersonalDataIntegrationTests {

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private RecoveryCases recovery;

	@Autowired
	private Erasures erasures;

	@Autowired
	private TrustScores scores;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private NotificationPreferences preferences;

	@Autowired
	private WebhookEndpoints endpoints;

	@Autowired
	private SurveyLinks surveyLinks;

	@Autowired
	private Promises promises;

	@TempDir
	private Path directory;

	private final String noteText = "Called the customer, apologised " + System.nanoTime();

	/**
	 * The fixture's data, and besides: a manager subscribed to negative feedback in the
	 * app and by mail, and webhook endpoints (JSON and Slack, on loopback, never called),
	 * so that the negative form entry leaves a notice, a queued mail and webhook
	 * deliveries naming the customer; a survey link; a promise whose description names
	 * the customer.
	 */
	private long store(PrivacyFixtures fixture) {
		String manager = "p" + fixture.tag;
		accounts.create(manager, "Privacy manager " + fixture.tag, "test-password-1", Role.MANAGER);
		accounts.changeEmail(manager, manager + "@example.test", "test");
		preferences.save(manager, Role.MANAGER,
				Map.of(NotificationType.FEEDBACK_NEGATIVE, new NotificationType.Choice(true, true)));
		for (WebhookFormat format : List.of(WebhookFormat.JSON, WebhookFormat.SLACK)) {
			endpoints.create("http://127.0.0.1:9/hooks/" + fixture.tag, java.util.Set.of("feedback.negative"), null,
					format, TestUsers.ADMIN);
		}
		long id = fixture.store(imports, feedback, directory, TestUsers.MANAGER);
		Customer customer = customers.get(id);
		customers.update(id, new CustomerDetails(fixture.reference, fixture.name, fixture.segment, fixture.email, "ja"),
				customer.getVersion(), TestUsers.MANAGER);
		long caseId = recovery.ofCustomer(id).get(0).id();
		recovery.addNote(caseId, recovery.details(caseId).version(), noteText + " " + fixture.tag, TestUsers.MANAGER);
		surveyLinks.issue(id, caseId, null, TestUsers.MANAGER);
		promises.record(new NewPromise(fixture.reference, caseId, promiseText(fixture),
				Instant.now().plus(java.time.Duration.ofDays(7)), TestUsers.MANAGER), TestUsers.MANAGER);
		// the notices are written after the entry's commit, in another thread
		await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(count(
					"select count(*) from notification where username = ? and strpos(array_to_string(args, ' '), ?) > 0",
					manager, fixture.name))
				.isEqualTo(1);
			assertThat(count(
					"select count(*) from mail_outbox where recipient = ? and strpos(subject || text_body, ?) > 0",
					manager + "@example.test", fixture.name))
				.isEqualTo(1);
			assertThat(count("select count(*) from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id "
					+ "where e.url like ? and strpos(d.body, ?) > 0", "%" + fixture.tag, fixture.name))
				.isEqualTo(2);
		});
		return id;
	}

	private long count(String sql, Object... params) {
		return jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static String promiseText(PrivacyFixtures fixture) {
		return "Refund of the late delivery promised to " + fixture.name + " " + fixture.tag;
	}

	private List<String> needles(PrivacyFixtures fixture) {
		List<String> needles = new ArrayList<>(fixture.personalStrings());
		needles.add(noteText + " " + fixture.tag);
		needles.add(promiseText(fixture));
		return needles;
	}

	@Test
	void exportHoldsEveryPieceOfPersonalDataAndIsAudited() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		store(fixture);

		String body = mvc
			.perform(get("/api/v1/customers/{ref}/personal-data", fixture.reference)
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.format").value(PersonalDataExports.FORMAT))
			.andExpect(jsonPath("$.customer.email").value(fixture.email))
			.andExpect(jsonPath("$.feedback.length()").value(4))
			.andExpect(jsonPath("$.recoveryCases[0].notes[0].text").value(noteText + " " + fixture.tag))
			.andExpect(jsonPath("$.imports[0].entries").value(3))
			.andExpect(jsonPath("$.rejectedImportRows.length()").value(1))
			.andExpect(jsonPath("$.notifications.notices[?(@.username == '%s')]", "p" + fixture.tag).isNotEmpty())
			.andExpect(jsonPath("$.notifications.mails[?(@.recipient == '%s')]", "p" + fixture.tag + "@example.test")
				.isNotEmpty())
			.andExpect(jsonPath("$.notifications.webhookDeliveries[?(@.body =~ /.*%s.*/)]", fixture.tag).isNotEmpty())
			.andExpect(jsonPath("$.surveyLinks.length()").value(1))
			.andExpect(jsonPath("$.promises[0].description").value(promiseText(fixture)))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		for (String needle : needles(fixture)) {
			assertThat(body).as("the export holds " + needle).contains(needle);
		}
		// the correction's before text (the first comment) is only in the audit log
		assertThat(body).contains("first words " + fixture.tag);
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'PERSONAL_DATA_EXPORTED' and subject = ?")
			.param("customer " + fixture.reference)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void erasureLeavesNoPersonalDataAnywhereAndEveryScoreTheSame() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = store(fixture);
		Instant asOf = Instant.now();
		TrustScore company = scores.forScope(Scope.company(), asOf).score();
		TrustScore segment = scores.forScope(new Scope(fixture.segment, null), asOf).score();
		Map<Channel, TrustScore> channels = byChannel(asOf);
		double customerTrust = scores.forCustomer(id, asOf).score().trust();

		mvc.perform(post("/api/v1/customers/{ref}/erasure", fixture.reference)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"Request by the customer received 2026-05-01\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.alreadyErased").value(false))
			.andExpect(jsonPath("$.label").value("削除済みの顧客 " + id));

		assertThat(PrivacyFixtures.rowsContaining(jdbc, needles(fixture))).isEmpty();
		// what was told about the customer now names the label; the queued mail goes out
		// without the old values
		assertThat(count("select count(*) from notification where strpos(array_to_string(args, ' '), ?) > 0",
				"削除済みの顧客 " + id))
			.isPositive();
		assertThat(count(
				"select count(*) from mail_outbox where recipient = ? and sent_at is null and failed_at is null "
						+ "and strpos(subject || text_body, ?) > 0",
				"p" + fixture.tag + "@example.test", "削除済みの顧客 " + id))
			.isEqualTo(1);
		assertThat(count("select count(*) from webhook_delivery where status = 'PENDING' and strpos(body, ?) > 0",
				"\"customerRef\":\"erased-" + id + "\""))
			.isPositive();
		assertThat(count("select count(*) from survey_link where customer_id = ? and expires_at > now()", id)).isZero();
		assertThat(count("select count(*) from promise where customer_id = ? and description = ''", id)).isEqualTo(1);
		// its open promise still breaks when overdue, without an entry (nothing can be
		// added to the erased customer)
		long promise = jdbc.sql("select id from promise where customer_id = ?").param(id).query(Long.class).single();
		jdbc.sql("update promise set due_at = now() - interval '1 hour' where id = ?").param(promise).update();
		assertThat(promises.breakIfOverdue(promise)).isTrue();
		assertThat(promises.get(promise).status()).isEqualTo(io.shinrai.promise.PromiseStatus.BROKEN);
		assertThat(promises.get(promise).brokenFeedbackId()).isNull();
		assertSame(company, scores.forScope(Scope.company(), asOf).score());
		assertSame(segment, scores.forScope(new Scope(fixture.segment, null), asOf).score());
		Map<Channel, TrustScore> channelsAfter = byChannel(asOf);
		channels.forEach((channel, score) -> assertSame(score, channelsAfter.get(channel)));
		assertThat(scores.forCustomer(id, asOf).score().trust()).isCloseTo(customerTrust,
				org.assertj.core.data.Offset.offset(1e-9));

		Customer erased = customers.get(id);
		assertThat(erased.isErased()).isTrue();
		assertThat(erased.getSegment()).isEqualTo(fixture.segment);
		assertThat(erased.getEmail()).isNull();
		assertThat(jdbc
			.sql("select actor, summary, before_state from audit_event where type = 'CUSTOMER_ERASED' and subject = ?")
			.param("customer erased-" + id)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3))
			.list()).containsExactly(TestUsers.ADMIN + "|Request by the customer received 2026-05-01|null");

		for (String page : List.of("/customers/" + id, "/feedback?customer=erased-" + id, "/admin/audit",
				"/recovery/" + recovery.ofCustomer(id).get(0).id(), "/customers/" + id + "/transparency")) {
			String html = mvc.perform(get(page).with(user(users.user(TestUsers.ADMIN))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString(StandardCharsets.UTF_8);
			for (String needle : needles(fixture)) {
				assertThat(html).as(page + " shows " + needle).doesNotContain(needle);
			}
		}
		String export = mvc
			.perform(get("/customers/{id}/personal-data.json", id).with(user(users.user(TestUsers.ADMIN))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		needles(fixture).forEach(needle -> assertThat(export).doesNotContain(needle));

		// the same request again: done already, nothing changes
		mvc.perform(post("/api/v1/customers/{ref}/erasure", fixture.reference)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"again\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.alreadyErased").value(true));
		mvc.perform(get("/api/v1/customers/{ref}/personal-data", fixture.reference)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private Map<Channel, TrustScore> byChannel(Instant asOf) {
		Map<Channel, TrustScore> channels = new java.util.EnumMap<>(Channel.class);
		for (Channel channel : Channel.values()) {
			channels.put(channel, scores.forScope(new Scope(null, channel), asOf).score());
		}
		return channels;
	}

	private static void assertSame(TrustScore before, TrustScore after) {
		if (before.trust() == null) {
			assertThat(after.trust()).isNull();
		}
		else {
			assertThat(after.trust()).isCloseTo(before.trust(), org.assertj.core.data.Offset.offset(1e-9));
		}
		assertThat(after.evidence()).isCloseTo(before.evidence(), org.assertj.core.data.Offset.offset(1e-9));
		before.signals().forEach((signal, score) -> {
			assertThat(after.signals().get(signal).signal()).isEqualTo(score.signal());
			if (score.score() == null) {
				assertThat(after.signals().get(signal).score()).isNull();
			}
			else {
				assertThat(after.signals().get(signal).score()).isCloseTo(score.score(),
						org.assertj.core.data.Offset.offset(1e-9));
			}
			assertThat(after.signals().get(signal).evidence()).isCloseTo(score.evidence(),
					org.assertj.core.data.Offset.offset(1e-9));
		});
	}

	@Test
	void erasureIsRefusedWithoutAReasonOrWithTheCustomersDataInIt() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = store(fixture);
		mvc.perform(post("/api/v1/customers/{ref}/erasure", fixture.reference)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \" \"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Give the reason for the erasure."));
		mvc.perform(post("/api/v1/customers/{ref}/erasure", fixture.reference)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"asked by " + fixture.email + "\"}")).andExpect(status().isBadRequest());
		mvc.perform(post("/api/v1/customers/{ref}/erasure", "NOBODY-" + fixture.tag)
			.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"reason\": \"request\"}")).andExpect(status().isNotFound());
		assertThat(customers.get(id).isErased()).isFalse();
	}

	@Test
	void reimportsAndApiBodiesOfAnErasedCustomerStoreNothing() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = store(fixture);
		erasures.erase(id, "request of the customer", TestUsers.ADMIN);

		String newReference = "NEW-" + fixture.tag;
		Path file = directory.resolve("again.csv");
		Files.writeString(file,
				fixture.csv() + ",\uFF30\uFF32\uFF29\uFF36\uFF0D" + fixture.tag + ",Someone," + fixture.segment
						+ ",2026-03-09,EMAIL,SERVICE,3,,,,,,,,,full-width " + fixture.tag + "\n" + "," + newReference
						+ ",New Customer," + fixture.segment + ",2026-03-09,EMAIL,SERVICE,4,,,,,,,,,fresh\n",
				StandardCharsets.UTF_8);
		FeedbackImport job = imports.run(file, "again.csv", TestUsers.MANAGER);
		assertThat(job.imported()).isEqualTo(1);
		assertThat(job.rejected()).isEqualTo(5);
		assertThat(jdbc
			.sql("select array_to_string(reasons, '|') || ' ' || cardinality(cells)"
					+ " from feedback_import_rejection where import_id = ? order by line_number")
			.param(job.id())
			.query(String.class)
			.list()).containsOnly("import.reason.erased 0").hasSize(5);
		assertThat(customers.findByReference(newReference)).isPresent();
		assertThat(customers.findByReference(fixture.reference)).isEmpty();

		for (String body : List.of("{\"customerRef\": \"" + fixture.reference + "\", \"customerName\": \""
				+ fixture.name
				+ "\", \"receivedAt\": \"2026-03-02T10:00:00+09:00\", \"channel\": \"EMAIL\", \"category\": \"SERVICE\","
				+ " \"ratings\": {\"quality\": 2}, \"comment\": \"" + fixture.japaneseComment + "\"}",
				"{\"externalId\": \"EXT-" + fixture.tag + "-1\", \"customerRef\": \"OTHER-" + fixture.tag
						+ "\", \"customerName\": \"Other\", \"receivedAt\": \"2026-03-02T10:00:00+09:00\", \"channel\": \"EMAIL\","
						+ " \"category\": \"SERVICE\", \"ratings\": {\"quality\": 2}}")) {
			mvc.perform(post("/api/v1/feedback").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))
				.header("Accept-Language", "en")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.title").value("Erased, not imported"));
		}
		assertThat(customers.findByReference("OTHER-" + fixture.tag)).isEmpty();
		List<String> needles = new ArrayList<>(needles(fixture));
		needles.add("full-width " + fixture.tag);
		assertThat(PrivacyFixtures.rowsContaining(jdbc, needles)).isEmpty();
	}

	@Test
	void twoAdminsErasingAtOnceMakeOneErasure() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = store(fixture);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Erasures.Erasure>> results = new ArrayList<>();
			for (String admin : List.of("admin-one", "admin-two")) {
				results.add(pool.submit(() -> {
					start.await();
					return erasures.eraseByReference(fixture.reference, "request of the customer", admin);
				}));
			}
			start.countDown();
			List<Boolean> already = new ArrayList<>();
			for (Future<Erasures.Erasure> result : results) {
				already.add(result.get(60, TimeUnit.SECONDS).alreadyErased());
			}
			assertThat(already).containsExactlyInAnyOrder(false, true);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'CUSTOMER_ERASED' and subject = ?")
			.param("customer erased-" + id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void erasureDuringAnImportOfTheCustomersRowsLeavesNothingOfThem() throws Exception {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = store(fixture);
		StringBuilder csv = new StringBuilder(PrivacyFixtures.HEADER);
		String marker = "bulk-" + fixture.tag;
		for (int i = 0; i < 12000; i++) {
			csv.append("BULK-")
				.append(fixture.tag)
				.append('-')
				.append(i)
				.append(',')
				.append(fixture.reference)
				.append(',')
				.append(fixture.name)
				.append(',')
				.append(fixture.segment)
				.append(",2026-02-01T10:00:00Z,EMAIL,SERVICE,")
				.append(1 + i % 5)
				.append(",,,,,,,,,")
				.append(marker)
				.append(' ')
				.append(i)
				.append('\n');
		}
		Path file = directory.resolve("bulk.csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		long importId = imports.start(file, "bulk.csv", TestUsers.MANAGER);
		await().atMost(60, TimeUnit.SECONDS)
			.until(() -> jdbc.sql("select rows_done from feedback_import where id = ?")
				.param(importId)
				.query(Long.class)
				.single() > 0);
		erasures.erase(id, "request of the customer", TestUsers.ADMIN);
		await().atMost(120, TimeUnit.SECONDS)
			.until(() -> imports.get(importId).status() != FeedbackImport.Status.RUNNING);

		FeedbackImport job = imports.get(importId);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(job.imported() + job.rejected()).isEqualTo(12000);
		List<String> needles = new ArrayList<>(needles(fixture));
		needles.add(marker);
		needles.add("BULK-" + fixture.tag);
		assertThat(PrivacyFixtures.rowsContaining(jdbc, needles)).isEmpty();
		assertThat(customers.findByReference(fixture.reference)).isEmpty();
	}

}
