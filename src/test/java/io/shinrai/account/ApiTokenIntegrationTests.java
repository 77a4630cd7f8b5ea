package io.shinrai.account;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.jayway.jsonpath.JsonPath;

import io.shinrai.audit.AuditType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Personal access tokens on the real database: created, used, expired (by moving the
 * clock), revoked, throttled.
 */
@IntegrationTest
@AutoConfigureMockMvc
class ApiTokenIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestClock clock;

	@Autowired
	private Clock applicationClock;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theApplicationRunsOnTheMovableClock() {
		assertThat(applicationClock).isSameAs(clock);
	}

	@Test
	void aTokenIsShownOnceStoredHashedAndSignsInTheApi() throws Exception {
		String answer = mvc
			.perform(post("/api/v1/tokens").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"nightly export\",\"access\":\"READ\",\"expiresInDays\":30}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.access").value("READ"))
			.andExpect(jsonPath("$.state").value("ACTIVE"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		String secret = JsonPath.read(answer, "$.token");
		long id = ((Number) JsonPath.read(answer, "$.id")).longValue();
		assertThat(secret).startsWith("shinrai_pat_").hasSize("shinrai_pat_".length() + 43);

		Map<String, Object> row = jdbc.sql("select * from api_token where id = :id")
			.param("id", id)
			.query()
			.singleRow();
		assertThat(row.get("token_hash")).isEqualTo(ApiTokens.hash(secret));
		assertThat(row.values()).noneMatch(value -> secret.equals(String.valueOf(value)));
		assertThat(row.get("last_used_at")).isNull();

		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret))).andExpect(status().isOk());
		// the list never shows the token again, and shows when it was last used
		mvc.perform(get("/api/v1/tokens").with(bearer(secret)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")].token").value(org.hamcrest.Matchers.contains((Object) null)))
			.andExpect(jsonPath("$[?(@.id == " + id + ")].lastUsedAt").value(org.hamcrest.Matchers.hasSize(1)))
			.andExpect(content().string(not(containsString(secret))));
		assertThat(jdbc.sql("select last_used_at from api_token where id = :id").param("id", id).query().singleValue())
			.isNotNull();
		assertThat(auditCount(AuditType.API_TOKEN_CREATED, TestUsers.STAFF)).isPositive();
	}

	@Test
	void anExpiredTokenIsRefusedWithProblemDetails() throws Exception {
		String secret = create(TestUsers.STAFF, "READ", 1);
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret))).andExpect(status().isOk());
		clock.advance(Duration.ofDays(1).plusSeconds(1));
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("application/problem+json")))
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")))
			.andExpect(jsonPath("$.title").value("The bearer token has expired."));
	}

	@Test
	void aRevokedTokenStopsAtOnce() throws Exception {
		String answer = createAnswer(TestUsers.MANAGER, "READ_WRITE", 30);
		String secret = JsonPath.read(answer, "$.token");
		long id = ((Number) JsonPath.read(answer, "$.id")).longValue();
		mvc.perform(delete("/api/v1/tokens/" + id).with(bearer(secret))).andExpect(status().isNoContent());
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret)))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.title").value("The bearer token has been revoked."));
		mvc.perform(get("/api/v1/tokens").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD)))
			.andExpect(jsonPath("$[?(@.id == " + id + ")].state").value(org.hamcrest.Matchers.contains("REVOKED")));
		assertThat(auditCount(AuditType.API_TOKEN_REVOKED, TestUsers.MANAGER)).isPositive();
	}

	@Test
	void nobodyRevokesAnotherUsersToken() throws Exception {
		String answer = createAnswer(TestUsers.MANAGER, "READ", 30);
		long id = ((Number) JsonPath.read(answer, "$.id")).longValue();
		mvc.perform(delete("/api/v1/tokens/" + id).with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(JsonPath.read(answer, "$.token"))))
			.andExpect(status().isOk());
	}

	@Test
	void aReadTokenOnlyReads() throws Exception {
		String secret = create(TestUsers.MANAGER, "READ", 30);
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret))).andExpect(status().isOk());
		mvc.perform(post("/api/v1/feedback").with(bearer(secret)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.title").value("This token may only read (GET)."));
		mvc.perform(post("/api/v1/tokens").with(bearer(secret))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"more\",\"access\":\"READ\",\"expiresInDays\":1}")).andExpect(status().isForbidden());
	}

	@Test
	void aReadWriteTokenActsWithItsUsersRoleAndNoMore() throws Exception {
		String staff = create(TestUsers.STAFF, "READ_WRITE", 30);
		mvc.perform(post("/api/v1/feedback").with(bearer(staff)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		String manager = create(TestUsers.MANAGER, "READ_WRITE", 30);
		// past authorisation: the empty entry is refused for its fields, not for who sent
		// it
		mvc.perform(
				post("/api/v1/feedback").with(bearer(manager)).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isBadRequest());
	}

	@Test
	void aTokenCannotCreateOneThatOutlivesIt() throws Exception {
		String secret = create(TestUsers.STAFF, "READ_WRITE", 7);
		mvc.perform(post("/api/v1/tokens").with(bearer(secret))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"longer\",\"access\":\"READ\",\"expiresInDays\":30}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.expiresInDays").exists());
		mvc.perform(post("/api/v1/tokens").with(bearer(secret))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"shorter\",\"access\":\"READ\",\"expiresInDays\":6}")).andExpect(status().isCreated());
	}

	@Test
	void aDisabledUsersTokensStopWorking() throws Exception {
		String username = "token-user-" + System.nanoTime();
		UserAccount user = accounts.create(username, "Token User", TestUsers.PASSWORD, Role.STAFF);
		String secret = create(username, "READ", 30);
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret))).andExpect(status().isOk());
		accounts.changeEnabled(user.getId(), accounts.get(user.getId()).getVersion(), false, TestUsers.ADMIN);
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret)))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.title").value("The user of this bearer token is disabled."));
	}

	@Test
	void badTokensFromOneAddressAreThrottledLikePasswords() throws Exception {
		String secret = create(TestUsers.STAFF, "READ", 30);
		for (int i = 0; i < 5; i++) {
			mvc.perform(get("/api/v1/feedback?size=1").with(bearer("shinrai_pat_guess" + i)).with(from("10.20.30.40")))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.title").value("The bearer token is not valid."));
		}
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer("shinrai_pat_guess")).with(from("10.20.30.40")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "2"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("application/problem+json")));
		// that sender waits, even with a good token; other senders do not
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret)).with(from("10.20.30.40")))
			.andExpect(status().isTooManyRequests());
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret)).with(from("10.20.30.41")))
			.andExpect(status().isOk());
	}

	@Test
	void refusesATokenWithoutNameOrWithTooLongAnExpiry() throws Exception {
		mvc.perform(post("/api/v1/tokens").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\" \",\"access\":\"READ\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.name").value("Give the token a name."));
		mvc.perform(post("/api/v1/tokens").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ja")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"access\":\"READ\",\"expiresInDays\":5000}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.expiresInDays").value("有効期間は 1 日から 366 日の間にしてください。"));
		mvc.perform(post("/api/v1/tokens").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"name\":\"x\",\"access\":\"ALL\"}")).andExpect(status().isBadRequest());
	}

	@Test
	void theProfilePageShowsANewTokenOnlyOnTheAnswer() throws Exception {
		String page = mvc
			.perform(post("/profile/tokens").with(user(TestUsers.STAFF).roles("STAFF"))
				.with(csrf())
				.param("name", "page token")
				.param("access", "READ_WRITE")
				.param("expiresInDays", "30"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
			.andExpect(content().string(containsString("Copy it now")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		java.util.regex.Matcher shown = java.util.regex.Pattern.compile("shinrai_pat_[A-Za-z0-9_-]{43}").matcher(page);
		assertThat(shown.find()).isTrue();
		String secret = shown.group();
		assertThat(secret).startsWith("shinrai_pat_");
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(secret))).andExpect(status().isOk());
		mvc.perform(get("/profile/tokens").with(user(TestUsers.STAFF).roles("STAFF")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("page token")))
			.andExpect(content().string(containsString(secret.substring(0, 16))))
			.andExpect(content().string(not(containsString(secret))));
	}

	@Test
	void theProfilePageRevokes() throws Exception {
		String answer = createAnswer(TestUsers.STAFF, "READ", 30);
		long id = ((Number) JsonPath.read(answer, "$.id")).longValue();
		mvc.perform(post("/profile/tokens/" + id + "/revoke").with(user(TestUsers.STAFF).roles("STAFF")).with(csrf()))
			.andExpect(redirectedUrl("/profile/tokens"));
		mvc.perform(get("/api/v1/feedback?size=1").with(bearer(JsonPath.read(answer, "$.token"))))
			.andExpect(status().isUnauthorized());
		mvc.perform(
				post("/profile/tokens/" + id + "/revoke").with(user(TestUsers.MANAGER).roles("MANAGER")).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void theProfilePageRefusesABlankName() throws Exception {
		mvc.perform(post("/profile/tokens").with(user(TestUsers.STAFF).roles("STAFF"))
			.with(csrf())
			.param("name", "")
			.param("access", "READ")
			.param("expiresInDays", "30"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Give the token a name.")))
			.andExpect(content().string(not(containsString("id=\"token-created\""))));
	}

	@Test
	void theProfilePageSpeaksEnglishAndJapanese() throws Exception {
		mvc.perform(get("/profile/tokens").with(user(TestUsers.STAFF).roles("STAFF")).locale(Locale.ENGLISH))
			.andExpect(content().string(containsString("Personal access tokens let scripts")))
			.andExpect(content().string(containsString("Read and write")));
		mvc.perform(get("/profile/tokens").with(user(TestUsers.STAFF).roles("STAFF")).locale(Locale.JAPANESE))
			.andExpect(content().string(containsString("個人用アクセストークン")))
			.andExpect(content().string(containsString("読み取りと書き込み")));
		mvc.perform(get("/profile").with(user(accountsUser(TestUsers.STAFF))).locale(Locale.JAPANESE))
			.andExpect(content().string(containsString("API トークンの管理")));
	}

	private org.springframework.security.core.userdetails.UserDetails accountsUser(String username) {
		return accounts.loadUserByUsername(username);
	}

	private String create(String username, String access, int days) throws Exception {
		return JsonPath.read(createAnswer(username, access, days), "$.token");
	}

	private String createAnswer(String username, String access, int days) throws Exception {
		return mvc
			.perform(post("/api/v1/tokens").with(httpBasic(username, TestUsers.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"t\",\"access\":\"" + access + "\",\"expiresInDays\":" + days + "}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long auditCount(AuditType type, String subject) {
		return jdbc.sql("select count(*) from audit_event where type = :type and subject = :subject")
			.param("type", type.name())
			.param("subject", subject)
			.query(Long.class)
			.single();
	}

	private static RequestPostProcessor bearer(String token) {
		return request -> {
			request.addHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
			return request;
		};
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
