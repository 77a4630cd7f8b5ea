package io.shinrai.promise;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.survey.IssuedLink;
import io.shinrai.survey.SurveyAnswer;
import io.shinrai.survey.SurveyFixtures;
import io.shinrai.survey.SurveyLinks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The promise forms on the customer page and the case page, and what the panels show:
 * promises and their measures on the dashboard, the customer page, the case page and the
 * board, and the survey links' states.
 */
@IntegrationTest
@AutoConfigureMockMvc
class PromisePagesTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private Promises promises;

	@Autowired
	private BrokenPromiseJob job;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private SurveyLinks links;

	@Autowired
	private JdbcClient jdbc;

	private SurveyFixtures fixtures;

	private String segment;

	@BeforeEach
	void setUp() {
		fixtures = new SurveyFixtures(customers, feedback, cases);
		segment = "Promise " + UUID.randomUUID();
		job.run();
	}

	private Customer customer(String language) {
		String reference = "P-" + UUID.randomUUID();
		return customers.create(new CustomerDetails(reference, "Kunde " + reference.substring(2, 8), segment,
				"p@example.test", language), TestUsers.MANAGER);
	}

	private static String inTwoDays() {
		return INPUT.format(LocalDateTime.now(ZONE).plusDays(2).truncatedTo(ChronoUnit.MINUTES));
	}

	private MockHttpServletRequestBuilder recordForm(Customer customer, Long caseId, String description, String dueAt,
			String owner) {
		MockHttpServletRequestBuilder request = post("/promises").with(user(users.user(TestUsers.MANAGER)))
			.with(csrf())
			.param("customerRef", customer.getReference())
			.param("customerId", String.valueOf(customer.getId()))
			.param("description", description)
			.param("dueAt", dueAt);
		if (owner != null) {
			request.param("owner", owner);
		}
		if (caseId != null) {
			request.param("caseId", String.valueOf(caseId));
		}
		return request;
	}

	/**
	 * Follows the redirect in the same session (in the database), so the flash attributes
	 * arrive as in a browser.
	 */
	private String follow(MvcResult result, String username, String language) throws Exception {
		assertThat(result.getResponse().getCookies()).as("a session cookie for the flash attributes").isNotEmpty();
		return mvc
			.perform(get(result.getResponse().getRedirectedUrl()).param("lang", language)
				.cookie(result.getResponse().getCookies())
				.with(user(users.user(username))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String page(String url, String language) throws Exception {
		return mvc.perform(get(url).param("lang", language).with(user(users.user(TestUsers.MANAGER))))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long promisesOf(Customer customer) {
		return jdbc.sql("select count(*) from promise where customer_id = ?")
			.param(customer.getId())
			.query(Long.class)
			.single();
	}

	private PromiseView promise(Customer customer, Long caseId, String description, Duration dueIn) {
		return promises.record(
				new NewPromise(customer.getReference(), caseId, description, Instant.now().plus(dueIn), null),
				TestUsers.MANAGER);
	}

	@Test
	void managerRecordsAPromiseOnTheCustomerPageInTheBusinessTimeZone() throws Exception {
		Customer customer = customer("en");
		String due = inTwoDays();

		MvcResult result = mvc
			.perform(recordForm(customer, null, "Call back about the invoice", due, TestUsers.MANAGER))
			.andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
		assertThat(result.getFlashMap().get("promiseSuccess")).isEqualTo("promise.recorded");
		PromiseView stored = promises.ofCustomer(customer.getId()).get(0);
		assertThat(stored.description()).isEqualTo("Call back about the invoice");
		assertThat(stored.dueAt()).isEqualTo(LocalDateTime.parse(due).atZone(ZONE).toInstant());
		assertThat(stored.owner()).isEqualTo(TestUsers.MANAGER);
		assertThat(stored.caseId()).isNull();

		String html = follow(result, TestUsers.MANAGER, "ja");
		assertThat(html).contains("約束を記録しました。")
			.contains("id=\"promise-" + stored.id() + "\"")
			.contains("Call back about the invoice")
			.contains(due.replace('T', ' '));
	}

	@Test
	void managerRecordsAPromiseOnTheCaseAndTheBoardShowsIt() throws Exception {
		Customer customer = customer("ja");
		CaseSummary openCase = fixtures.openCase(customer);

		MvcResult result = mvc.perform(recordForm(customer, openCase.id(), "返金を金曜日までに", inTwoDays(), null)).andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/recovery/" + openCase.id());
		PromiseView stored = promises.ofCustomer(customer.getId()).get(0);
		assertThat(stored.caseId()).isEqualTo(openCase.id());
		assertThat(follow(result, TestUsers.MANAGER, "en")).contains("The promise was recorded.")
			.contains("id=\"promise-" + stored.id() + "\"")
			.contains("返金を金曜日までに");
		String board = page("/recovery?customer=" + customer.getId(), "en");
		assertThat(board).contains("board-promises").contains("返金を金曜日までに");
	}

	@Nested
	class Refusals {

		@Test
		void badInputIsRefusedWithALocalisedMessageTheTypedTextAndNothingStored() throws Exception {
			Customer customer = customer("en");
			Customer other = customer("en");
			CaseSummary othersCase = fixtures.openCase(other);
			String past = INPUT.format(LocalDateTime.now(ZONE).minusHours(1));
			String tooFar = INPUT.format(LocalDateTime.now(ZONE).plusYears(11));
			Map<String, MockHttpServletRequestBuilder> refused = Map.of("promise.refused.descriptionRequired",
					recordForm(customer, null, "   ", inTwoDays(), null), "promise.refused.descriptionTooLong",
					recordForm(customer, null, "x".repeat(501), inTwoDays(), null), "promise.refused.duePast",
					recordForm(customer, null, "Typed text kept", past, null), "promise.refused.dueTooLate",
					recordForm(customer, null, "Typed text kept", tooFar, null), "promise.refused.dueInvalid",
					recordForm(customer, null, "Typed text kept", "next friday", null),
					"promise.refused.ownerNotAManager",
					recordForm(customer, null, "Typed text kept", inTwoDays(), TestUsers.STAFF),
					"promise.refused.caseNotOfCustomer",
					recordForm(customer, othersCase.id(), "Typed text kept", inTwoDays(), null));
			for (var refusal : refused.entrySet()) {
				MvcResult result = mvc.perform(refusal.getValue()).andReturn();
				assertThat(result.getFlashMap().get("promiseFailure")).as(refusal.getKey()).isEqualTo(refusal.getKey());
				assertThat(result.getResponse().getRedirectedUrl()).as(refusal.getKey())
					.isIn("/customers/" + customer.getId(), "/recovery/" + othersCase.id());
				if (!refusal.getKey().equals("promise.refused.caseNotOfCustomer")) {
					String html = follow(result, TestUsers.MANAGER, "ja");
					assertThat(html).as(refusal.getKey()).contains("id=\"promise-failure\"");
					if (refusal.getKey().equals("promise.refused.duePast")) {
						assertThat(html).contains("期限は未来の日時にしてください。")
							.contains("value=\"Typed text kept\"")
							.contains("value=\"" + past + "\"");
					}
					if (refusal.getKey().equals("promise.refused.dueInvalid")) {
						assertThat(html).contains("期限の日時を入力してください。").contains("value=\"Typed text kept\"");
					}
				}
			}
			assertThat(promisesOf(customer)).isZero();
			assertThat(promisesOf(other)).isZero();

			MvcResult english = mvc.perform(recordForm(customer, null, "x".repeat(501), inTwoDays(), null)).andReturn();
			assertThat(follow(english, TestUsers.MANAGER, "en")).contains("Use at most 500 characters (this has 501).");
		}

		@Test
		void staffCanNeitherRecordNorSettle() throws Exception {
			Customer customer = customer("en");
			PromiseView open = promise(customer, null, "Staff may not", Duration.ofDays(1));
			assertThat(mvc
				.perform(post("/promises").with(user(users.user(TestUsers.STAFF)))
					.with(csrf())
					.param("customerRef", customer.getReference())
					.param("description", "x")
					.param("dueAt", inTwoDays()))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(mvc
				.perform(post("/promises/" + open.id() + "/kept").with(user(users.user(TestUsers.STAFF))).with(csrf()))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(promises.get(open.id()).status()).isEqualTo(PromiseStatus.OPEN);
			assertThat(promisesOf(customer)).isEqualTo(1);
		}

	}

	@Test
	void ownerMarksKeptOnceAndBrokenLogsTheIncident() throws Exception {
		Customer customer = customer("en");
		PromiseView kept = promise(customer, null, "Send the parts", Duration.ofDays(1));
		PromiseView broken = promise(customer, null, "Visit on Monday", Duration.ofDays(1));

		MvcResult keptResult = mvc
			.perform(post("/promises/" + kept.id() + "/kept").with(user(users.user(kept.owner()))).with(csrf()))
			.andReturn();
		assertThat(keptResult.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
		assertThat(keptResult.getFlashMap().get("promiseSuccess")).isEqualTo("promise.markedKept");
		assertThat(promises.get(kept.id()).status()).isEqualTo(PromiseStatus.KEPT);

		MvcResult again = mvc
			.perform(post("/promises/" + kept.id() + "/broken").with(user(users.user(kept.owner()))).with(csrf()))
			.andReturn();
		assertThat(again.getFlashMap().get("promiseFailure")).isEqualTo("promise.refused.notOpen");
		assertThat(follow(again, TestUsers.MANAGER, "en"))
			.contains("Promise " + kept.id() + " is already kept or broken.");
		assertThat(promises.get(kept.id()).status()).isEqualTo(PromiseStatus.KEPT);

		MvcResult brokenResult = mvc
			.perform(post("/promises/" + broken.id() + "/broken").with(user(users.user(broken.owner()))).with(csrf()))
			.andReturn();
		assertThat(brokenResult.getFlashMap().get("promiseSuccess")).isEqualTo("promise.markedBroken");
		PromiseView settled = promises.get(broken.id());
		assertThat(settled.status()).isEqualTo(PromiseStatus.BROKEN);
		assertThat(settled.brokenFeedbackId()).isNotNull();
		String html = follow(brokenResult, TestUsers.MANAGER, "en");
		assertThat(html).contains("/feedback/" + settled.brokenFeedbackId());
		assertThat(html).doesNotContain("/promises/" + kept.id() + "/kept")
			.doesNotContain("/promises/" + broken.id() + "/broken");

		assertThat(mvc.perform(post("/promises/999999999/kept").with(user(users.user(TestUsers.MANAGER))).with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(404);
	}

	@Test
	void dashboardAndCustomerPageCountDueSoonOverdueBrokenAndTheKeptRate() throws Exception {
		Customer customer = customer("en");
		fixtures.negativeEntry(customer);
		promise(customer, null, "Due soon", Duration.ofHours(10));
		promise(customer, null, "Due later", Duration.ofDays(5));
		PromiseView overdue = promise(customer, null, "Overdue", Duration.ofHours(1));
		jdbc.sql("update promise set due_at = now() - interval '1 minute' where id = ?").param(overdue.id()).update();
		promises.markKept(promise(customer, null, "Kept one", Duration.ofDays(1)).id(), TestUsers.MANAGER);
		promises.markKept(promise(customer, null, "Kept two", Duration.ofDays(1)).id(), TestUsers.MANAGER);
		promises.markKept(promise(customer, null, "Kept three", Duration.ofDays(1)).id(), TestUsers.MANAGER);
		promises.markBroken(promise(customer, null, "Broken one", Duration.ofDays(1)).id(), TestUsers.MANAGER);

		String dashboard = page("/?period=30&segment=" + segment, "en");
		assertThat(between(dashboard, "id=\"promise-due-soon\"")).isEqualTo("1");
		assertThat(between(dashboard, "id=\"promise-overdue\"")).isEqualTo("1");
		assertThat(between(dashboard, "id=\"promise-broken\"")).isEqualTo("1");
		assertThat(between(dashboard, "id=\"promise-kept-rate\"")).isEqualTo("75.0 %");
		assertThat(dashboard).contains("Due in 48 h");
		String japanese = page("/?period=30&segment=" + segment, "ja");
		assertThat(japanese).contains("48 時間以内に期限");

		String customerPage = page("/customers/" + customer.getId(), "en");
		assertThat(between(customerPage, "id=\"promise-customer-measures\""))
			.isEqualTo("Due soon: 1 · overdue: 1 · broken (90 days): 1 · kept (90 days): 75 %");
		assertThat(customerPage).contains("Due soon")
			.contains("Due later")
			.contains("Kept three")
			.contains("Broken one");
		assertThat(customerPage).containsPattern("id=\"promise-" + overdue.id() + "\"(?s).*?Overdue");

		// another segment sees none of them
		String elsewhere = page("/?period=30&segment=" + segment + "-other", "en");
		assertThat(elsewhere).doesNotContain("id=\"promise-kept-rate\">75.0 %");
	}

	@Test
	void customerPageAndCaseShowWhichLinksWereCreatedOpenedAndAnswered() throws Exception {
		Customer customer = customer("ja");
		CaseSummary openCase = fixtures.openCase(customer);
		IssuedLink created = links.issue(customer.getId(), null, null, TestUsers.MANAGER);
		IssuedLink opened = links.issue(customer.getId(), openCase.id(), null, TestUsers.MANAGER);
		IssuedLink answered = links.issue(customer.getId(), openCase.id(), null, TestUsers.MANAGER);
		links.open(SurveyFixtures.token(opened));
		SurveyLinks.AnswerOutcome outcome = links.answer(SurveyFixtures.token(answered),
				new SurveyAnswer(Map.of(Signal.QUALITY, 4), 8, null, null, null));
		long entryId = ((SurveyLinks.AnswerOutcome.Stored) outcome).feedbackId();

		String customerPage = page("/customers/" + customer.getId(), "en");
		assertThat(state(customerPage, created.id())).isEqualTo("Created");
		assertThat(state(customerPage, opened.id())).isEqualTo("Opened");
		assertThat(state(customerPage, answered.id())).isEqualTo("Answered");
		assertThat(customerPage).contains("/feedback/" + entryId);

		String casePage = page("/recovery/" + openCase.id(), "ja");
		assertThat(casePage).doesNotContain("id=\"survey-link-" + created.id() + "\"");
		assertThat(state(casePage, opened.id())).isEqualTo("開封済み");
		assertThat(casePage).contains("id=\"survey-link-" + answered.id() + "\"").contains("/feedback/" + entryId);
	}

	/** The text of the element opened by {@code marker}. */
	private static String between(String html, String marker) {
		int at = html.indexOf(marker);
		assertThat(at).as(marker).isNotNegative();
		int start = html.indexOf('>', at) + 1;
		return html.substring(start, html.indexOf('<', start)).strip();
	}

	private static String state(String html, long linkId) {
		int row = html.indexOf("id=\"survey-link-" + linkId + "\"");
		assertThat(row).as("row of link " + linkId).isNotNegative();
		return between(html.substring(row), "survey-link-state");
	}

}
