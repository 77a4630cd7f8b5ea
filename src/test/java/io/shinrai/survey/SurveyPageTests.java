package io.shinrai.survey;

import java.time.Duration;
import java.util.Locale;

import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.recovery.RecoveryCases;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The public page and the API, through the whole web stack (security chain, guard filter,
 * views).
 */
@IntegrationTest
@AutoConfigureMockMvc
class SurveyPageTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestClock clock;

	@Autowired
	private SurveyLinks links;

	@Autowired
	private SurveyThrottle throttle;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private JdbcClient jdbc;

	private SurveyFixtures fixtures;

	@BeforeEach
	void setUp() {
		throttle.reset();
		fixtures = new SurveyFixtures(customers, feedback, cases);
	}

	private String newToken(Customer customer) {
		return SurveyFixtures.token(links.issue(customer.getId(), null, null, TestUsers.MANAGER));
	}

	private long entriesOf(Customer customer) {
		return jdbc.sql("select count(*) from feedback where customer_id = ?")
			.param(customer.getId())
			.query(Long.class)
			.single();
	}

	@Test
	void pageIsInTheCustomersLanguageWithStrictHeadersAndNoSession() throws Exception {
		Customer japanese = fixtures.customer("ja");
		MvcResult result = mvc
			.perform(get("/s/" + newToken(japanese)).locale(Locale.ENGLISH).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andReturn();
		MockHttpServletResponse response = result.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		String html = response.getContentAsString();
		assertThat(html).contains("lang=\"ja\"")
			.contains(japanese.getName() + " 様")
			.contains("回答を送信する")
			.doesNotContain("Send my answer")
			.doesNotContain(japanese.getReference())
			.doesNotContain("c@example.com");
		assertThat(response.getHeader("Content-Security-Policy")).startsWith("default-src 'none'")
			.doesNotContain("script-src");
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
		// whether a session is created (SESSION cookie) and the CSRF cookie are checked
		// in SurveyBrowserTests against the
		// real server: here, once any test used spring-security-test's csrf(), its
		// session-based test repository sits in
		// the shared CSRF filter, so what this request sets depends on the order of the
		// test classes

		Customer english = fixtures.customer("en");
		String englishPage = mvc.perform(get("/s/" + newToken(english)).header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(englishPage).contains("lang=\"en\"")
			.contains("Dear " + english.getName())
			.contains("Send my answer");
	}

	@Test
	void answerIsStoredOnceAndThenThanksTheCustomer() throws Exception {
		Customer customer = fixtures.customer("en");
		String token = newToken(customer);
		MvcResult answered = mvc
			.perform(post("/s/" + token).with(csrf()).param("quality", "5").param("nps", "9").param("comment", "Great"))
			.andReturn();
		assertThat(answered.getResponse().getStatus()).isEqualTo(302);
		assertThat(answered.getResponse().getRedirectedUrl()).isEqualTo("/s/" + token);
		assertThat(mvc.perform(get("/s/" + token)).andReturn().getResponse().getContentAsString())
			.contains("Thank you for your answer");

		MockHttpServletResponse again = mvc.perform(post("/s/" + token).with(csrf()).param("quality", "1"))
			.andReturn()
			.getResponse();
		assertThat(again.getStatus()).isEqualTo(200);
		assertThat(again.getContentAsString()).contains("Thank you for your answer");
		assertThat(entriesOf(customer)).isEqualTo(1);
	}

	@Nested
	class Refusals {

		@Test
		void badInputIsShownAgainWithMessagesAndStoresNothing() throws Exception {
			Customer customer = fixtures.customer("ja");
			String token = newToken(customer);
			MockHttpServletResponse empty = mvc.perform(post("/s/" + token).with(csrf()).param("comment", "only words"))
				.andReturn()
				.getResponse();
			assertThat(empty.getStatus()).isEqualTo(400);
			assertThat(empty.getContentAsString()).contains("評価またはスコアを少なくとも 1 つお選びください。").contains("only words");
			MockHttpServletResponse bad = mvc
				.perform(post("/s/" + token).with(csrf()).param("nps", "abc").param("quality", "9"))
				.andReturn()
				.getResponse();
			assertThat(bad.getStatus()).isEqualTo(400);
			assertThat(bad.getContentAsString()).contains("表示されている選択肢からお選びください。");
			assertThat(entriesOf(customer)).isZero();
		}

		@Test
		void postWithoutCsrfTokenGetsTheFormExpiredPage() throws Exception {
			Customer customer = fixtures.customer("en");
			String token = newToken(customer);
			MockHttpServletResponse response = mvc
				.perform(post("/s/" + token).param("quality", "5").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(403);
			// MockMvc records the forward instead of following it; the page itself is
			// checked just below
			assertThat(response.getForwardedUrl()).isEqualTo("/s/-/form-expired");
			assertThat(mvc.perform(get("/s/-/form-expired").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
				.andReturn()
				.getResponse()
				.getContentAsString()).contains("ページが長時間開かれていました");
			MockHttpServletResponse forged = mvc
				.perform(post("/s/" + token).param("quality", "5")
					.param("_csrf", "forged")
					.cookie(new Cookie("shinrai-survey-csrf", "other")))
				.andReturn()
				.getResponse();
			assertThat(forged.getStatus()).isEqualTo(403);
			assertThat(entriesOf(customer)).isZero();
		}

		@Test
		void unknownTokenGetsAFriendlyPageInTheBrowsersLanguage() throws Exception {
			MockHttpServletResponse japanese = mvc
				.perform(get("/s/" + SurveyTokens.generate()).header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
				.andReturn()
				.getResponse();
			assertThat(japanese.getStatus()).isEqualTo(404);
			assertThat(japanese.getContentAsString()).contains("このリンクは無効です");
			MockHttpServletResponse english = mvc.perform(get("/s/made-up").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
				.andReturn()
				.getResponse();
			assertThat(english.getStatus()).isEqualTo(404);
			assertThat(english.getContentAsString()).contains("This link does not work");
			assertThat(mvc.perform(post("/s/made-up").with(csrf()).param("quality", "5"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(404);
		}

		@Test
		void expiredLinkGetsAFriendlyPageInTheCustomersLanguage() throws Exception {
			Customer customer = fixtures.customer("ja");
			// issued two days ago for one day
			clock.advance(Duration.ofDays(-2));
			IssuedLink link = links.issue(customer.getId(), null, 1, TestUsers.MANAGER);
			clock.reset();
			MockHttpServletResponse response = mvc
				.perform(get("/s/" + SurveyFixtures.token(link)).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(410);
			assertThat(response.getContentAsString()).contains("このリンクの有効期限が切れています").doesNotContain(customer.getName());
		}

		@Test
		void oversizedPostIsRefusedBeforeItIsRead() throws Exception {
			Customer customer = fixtures.customer("en");
			String token = newToken(customer);
			MockHttpServletResponse response = mvc
				.perform(post("/s/" + token).with(csrf())
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("quality=5&comment=" + "x".repeat(70_000)))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(413);
			assertThat(response.getContentAsString()).contains("Your answer is too long");
			assertThat(entriesOf(customer)).isZero();
		}

		@Test
		void rateLimitsPerTokenAndPerAddress() throws Exception {
			String token = SurveyTokens.generate();
			for (int i = 0; i < 10; i++) {
				assertThat(mvc.perform(get("/s/" + token).with(request -> {
					request.setRemoteAddr("10.0.0." + (10 + request.hashCode() % 50 + 50));
					return request;
				})).andReturn().getResponse().getStatus()).isEqualTo(404);
			}
			MockHttpServletResponse limited = mvc.perform(get("/s/" + token).with(request -> {
				request.setRemoteAddr("10.0.1.1");
				return request;
			})).andReturn().getResponse();
			assertThat(limited.getStatus()).isEqualTo(429);
			assertThat(limited.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("60");

			throttle.reset();
			for (int i = 0; i < 30; i++) {
				assertThat(mvc.perform(get("/s/" + SurveyTokens.generate()).with(request -> {
					request.setRemoteAddr("10.0.2.2");
					return request;
				})).andReturn().getResponse().getStatus()).isEqualTo(404);
			}
			assertThat(mvc.perform(get("/s/" + SurveyTokens.generate()).with(request -> {
				request.setRemoteAddr("10.0.2.2");
				return request;
			})).andReturn().getResponse().getStatus()).isEqualTo(429);
		}

	}

	@Nested
	class Api {

		@Test
		void managerCreatesALink() throws Exception {
			Customer customer = fixtures.customer("en");
			MockHttpServletResponse response = mvc
				.perform(post("/api/v1/survey-links").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\": \"" + customer.getReference() + "\", \"expiresInDays\": 7}"))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(201);
			assertThat(response.getContentAsString())
				.containsPattern("\"url\":\"http://localhost:8080/s/[A-Za-z0-9_-]{43}\"")
				.contains("\"expiresAt\":");
			assertThat(links.ofCustomer(customer.getId())).hasSize(1);
		}

		@Test
		void refusalsAreLocalisedProblems() throws Exception {
			MockHttpServletResponse unknown = mvc
				.perform(post("/api/v1/survey-links").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
					.content("{\"customerRef\": \"NOPE\"}"))
				.andReturn()
				.getResponse();
			assertThat(unknown.getStatus()).isEqualTo(400);
			assertThat(unknown.getContentType()).isEqualTo("application/problem+json");
			assertThat(unknown.getContentAsString()).contains("この参照番号の顧客はいません。");
			Customer customer = fixtures.customer("en");
			MockHttpServletResponse days = mvc
				.perform(post("/api/v1/survey-links").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\": \"" + customer.getReference() + "\", \"expiresInDays\": 91}"))
				.andReturn()
				.getResponse();
			assertThat(days.getStatus()).isEqualTo(400);
			assertThat(days.getContentAsString()).contains("expiresInDays").contains("1 to 90 days");
			MockHttpServletResponse garbage = mvc
				.perform(post("/api/v1/survey-links").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{not json"))
				.andReturn()
				.getResponse();
			assertThat(garbage.getStatus()).isEqualTo(400);
			assertThat(mvc
				.perform(post("/api/v1/survey-links").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content("{}"))
				.andReturn()
				.getResponse()
				.getStatus()).isEqualTo(403);
			assertThat(links.ofCustomer(customer.getId())).isEmpty();
		}

	}

}
