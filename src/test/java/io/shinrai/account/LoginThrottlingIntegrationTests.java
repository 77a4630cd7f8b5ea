package io.shinrai.account;

import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditQuery;
import io.shinrai.audit.AuditType;
import io.shinrai.audit.AuditEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Wrong passwords slow down their sender, never lock the user out (the default settings:
 * five free failures per user name and address, then 2 s, 4 s, 8 s …). Each test uses its
 * own user name and client addresses.
 */
@IntegrationTest
@AutoConfigureMockMvc
class LoginThrottlingIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private AuditLog audit;

	@Autowired
	private JdbcClient jdbc;

	private final String username = "throttled-" + System.nanoTime();

	private final String attacker = randomAddress("10.66");

	private final String user = randomAddress("10.77");

	@Nested
	class SignInForm {

		@Test
		void slowsDownTheSenderAfterFiveFailuresButLetsTheUserInFromAnotherAddress() throws Exception {
			accounts.create(username, "Throttled Person", TestUsers.PASSWORD, Role.STAFF);
			for (int i = 0; i < 5; i++) {
				signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?error"));
			}
			signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?throttled=2"));
			// the sender waits, even with the right password
			signIn(username, TestUsers.PASSWORD, attacker)
				.andExpect(header().string("Location", matchesPattern("/login\\?throttled=[12]")));
			// the user, from their own address, is not affected
			signIn(username, TestUsers.PASSWORD, user).andExpect(redirectedUrl("/"));
		}

		@Test
		void doublesTheDelayWithEveryFurtherFailureAndForgetsAfterASuccess() throws Exception {
			accounts.create(username, "Throttled Person", TestUsers.PASSWORD, Role.STAFF);
			for (int i = 0; i < 6; i++) {
				signIn(username, "wrong", attacker);
			}
			waitedLongEnough();
			signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?throttled=4"));
			waitedLongEnough();
			signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?throttled=8"));
			waitedLongEnough();
			signIn(username, TestUsers.PASSWORD, attacker).andExpect(redirectedUrl("/"));
			// a success starts afresh: five free failures again
			signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?error"));
		}

		@Test
		void throttlesUnknownUserNamesAlikeSoTheAnswerRevealsNothing() throws Exception {
			for (int i = 0; i < 5; i++) {
				signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?error"));
			}
			signIn(username, "wrong", attacker).andExpect(redirectedUrl("/login?throttled=2"));
		}

		@Test
		void saysHowLongToWaitInTheReadersLanguage() throws Exception {
			mvc.perform(get("/login").param("throttled", "4").locale(java.util.Locale.ENGLISH))
				.andExpect(content().string(org.hamcrest.Matchers.containsString("Wait 4 seconds, then try again.")));
			mvc.perform(get("/login").param("throttled", "4").locale(java.util.Locale.JAPANESE))
				.andExpect(content().string(org.hamcrest.Matchers.containsString("4秒待ってから")));
			mvc.perform(get("/login").param("throttled", "<b>x</b>"))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<b>x"))));
		}

	}

	@Nested
	class HttpBasic {

		@Test
		void answers429WithRetryAfterToTheSenderAndServesTheUserFromAnotherAddress() throws Exception {
			accounts.create(username, "Api Client", TestUsers.PASSWORD, Role.STAFF);
			for (int i = 0; i < 5; i++) {
				api(username, "wrong", attacker).andExpect(status().isUnauthorized());
			}
			api(username, "wrong", attacker).andExpect(status().isTooManyRequests())
				.andExpect(header().string("Retry-After", "2"))
				.andExpect(header().string("Content-Type", "application/problem+json"))
				.andExpect(jsonPath("$.status").value(429));
			api(username, TestUsers.PASSWORD, attacker).andExpect(status().isTooManyRequests());
			api(username, TestUsers.PASSWORD, user).andExpect(status().isOk());
			// the form is throttled by the same count
			signIn(username, TestUsers.PASSWORD, attacker)
				.andExpect(header().string("Location", matchesPattern("/login\\?throttled=[12]")));
		}

	}

	@Nested
	class AuditLogOfBursts {

		@Test
		void recordsOneEventPerBurstNotOnePerAttempt() throws Exception {
			accounts.create(username, "Audited Person", TestUsers.PASSWORD, Role.STAFF);
			for (int i = 0; i < 5; i++) {
				signIn(username, "wrong", attacker);
			}
			assertThat(events()).isEmpty();
			signIn(username, "wrong", attacker);
			for (int i = 0; i < 5; i++) {
				waitedLongEnough();
				signIn(username, "wrong", attacker);
			}
			List<AuditEvent> events = events();
			assertThat(events).hasSize(1);
			assertThat(events.get(0).actor()).isEqualTo(LoginThrottle.ANONYMOUS);
			assertThat(events.get(0).summary())
				.startsWith("6 failed sign-ins in a row for user name '" + username + "' from " + attacker);
		}

		private List<AuditEvent> events() {
			return audit.search(new AuditQuery(AuditType.LOGIN_FAILURES, null, null, null), 1, 100)
				.events()
				.stream()
				.filter(event -> event.subject().contains("'" + username + "'"))
				.toList();
		}

	}

	/** Lets the current wait pass without waiting. */
	private void waitedLongEnough() {
		jdbc.sql("update login_throttle set blocked_until = now() - interval '1 second' where address = :address")
			.param("address", attacker)
			.update();
	}

	private ResultActions signIn(String name, String password, String address) throws Exception {
		return mvc.perform(
				post("/login").param("username", name).param("password", password).with(csrf()).with(from(address)));
	}

	private ResultActions api(String name, String password, String address) throws Exception {
		return mvc.perform(get("/api/v1/feedback").with(httpBasic(name, password)).with(from(address)));
	}

	private static String randomAddress(String prefix) {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return prefix + "." + random.nextInt(256) + "." + random.nextInt(256);
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
