package io.shinrai.account;

import jakarta.servlet.http.Cookie;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class LoginIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void signsInWithTheRightPassword() throws Exception {
		mvc.perform(formLogin("/login").user(TestUsers.STAFF).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void refusesAWrongPasswordWithoutSayingWhichPartWasWrong() throws Exception {
		mvc.perform(formLogin("/login").user(TestUsers.STAFF).password("wrong"))
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(formLogin("/login").user("nobody-" + System.nanoTime()).password("wrong"))
			.andExpect(redirectedUrl("/login?error"));
	}

	@Test
	void keepsTheUserNameTypedAfterAFailedSignInOnce() throws Exception {
		String name = "nobody-" + System.nanoTime();
		Cookie session = mvc.perform(get("/login")).andReturn().getResponse().getCookie(StoredSessions.COOKIE);
		mvc.perform(
				post("/login").cookie(session).param("username", name).param("password", "wrong-secret").with(csrf()))
			.andExpect(redirectedUrl("/login?error"));
		String html = mvc.perform(get("/login").param("error", "").cookie(session))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("value=\"" + name + "\"").doesNotContain("wrong-secret");
		assertThat(mvc.perform(get("/login").cookie(session)).andReturn().getResponse().getContentAsString())
			.doesNotContain(name);
	}

	@Test
	void landsOnThePageAskedForWithoutAMarker() throws Exception {
		Cookie session = mvc.perform(get("/customers?q=x"))
			.andExpect(redirectedUrl("/login"))
			.andReturn()
			.getResponse()
			.getCookie(StoredSessions.COOKIE);
		String target = mvc
			.perform(post("/login").cookie(session)
				.param("username", TestUsers.STAFF)
				.param("password", TestUsers.PASSWORD)
				.with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(target).endsWith("/customers?q=x").doesNotContain("continue");
	}

	@Test
	void changesTheSessionIdOnSignIn() throws Exception {
		// the sign-in page opens a session for its CSRF token
		Cookie before = mvc.perform(get("/login")).andReturn().getResponse().getCookie(StoredSessions.COOKIE);
		assertThat(before).isNotNull();
		MvcResult result = mvc
			.perform(post("/login").cookie(before)
				.param("username", TestUsers.STAFF)
				.param("password", TestUsers.PASSWORD)
				.with(csrf()))
			.andExpect(redirectedUrl("/"))
			.andReturn();
		Cookie after = result.getResponse().getCookie(StoredSessions.COOKIE);
		assertThat(after).isNotNull();
		assertThat(StoredSessions.id(after)).isNotEqualTo(StoredSessions.id(before));
		assertThat(StoredSessions.principalOf(jdbc, StoredSessions.id(after))).contains(TestUsers.STAFF);
		assertThat(StoredSessions.exists(jdbc, StoredSessions.id(before))).isFalse();
	}

	@Test
	void theSignInPageOffersNoSingleSignOnWithoutAProvider() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"password\"")))
			.andExpect(content()
				.string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/oauth2/authorization/"))));
	}

	@Test
	void sendsSecurityHeaders() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"_csrf\"")));
	}

	@Test
	void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
		mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
	}

	@Test
	void theHealthEndpointIsOpen() throws Exception {
		mvc.perform(get("/actuator/health")).andExpect(status().isOk());
	}

}
