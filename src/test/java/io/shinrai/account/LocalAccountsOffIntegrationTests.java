package io.shinrai.account;

import java.time.Duration;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * With local accounts and HTTP Basic switched off, only single sign-on and API tokens let
 * anyone in.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "shinrai.sso.local-accounts=false", "shinrai.api.basic-auth=false" })
class LocalAccountsOffIntegrationTests extends SingleSignOnTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApiTokens tokens;

	@Test
	void theSignInPageOffersOnlyTheProvider() throws Exception {
		mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Sign in with Company SSO")))
			.andExpect(content().string(not(containsString("name=\"password\""))));
	}

	@Test
	void aPasswordSignInIsRefused() throws Exception {
		MvcResult posted = mvc.perform(
				post("/login").param("username", TestUsers.STAFF).param("password", TestUsers.PASSWORD).with(csrf()))
			.andExpect(unauthenticated())
			.andReturn();
		assertThat(posted.getResponse().getRedirectedUrl()).as("not sent on as signed in").isNotEqualTo("/");
		mvc.perform(get("/api/v1/feedback?size=1").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer"))
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, containsString("application/problem+json")));
	}

	@Test
	void theMetricsScrapeTakesNoPasswordEither() throws Exception {
		mvc.perform(get("/actuator/prometheus").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void tokensStillWork() throws Exception {
		String secret = tokens
			.create(TestUsers.STAFF, "script", TokenAccess.READ, Duration.ofDays(1), null, TestUsers.STAFF)
			.secret();
		mvc.perform(get("/api/v1/feedback?size=1").header(HttpHeaders.AUTHORIZATION, "Bearer " + secret))
			.andExpect(status().isOk());
	}

}
