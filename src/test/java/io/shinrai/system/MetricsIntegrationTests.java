package io.shinrai.system;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The Prometheus scrape: refused without credentials, served to admins and to the metrics
 * token, with live meters.
 */
@IntegrationTest
@AutoConfigureMockMvc
class MetricsIntegrationTests {

	private static final String TOKEN = "test-metrics-token-0123456789abcdef0123456789";

	private static final Pattern STORED_BY_FORM = Pattern
		.compile("(?m)^shinrai_feedback_entries_stored_total\\{[^}]*source=\"FORM\"[^}]*} (\\S+)$");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestFeedback feedback;

	@Test
	void refusesAScrapeWithoutCredentials() throws Exception {
		mvc.perform(get("/actuator/prometheus"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.containsString("Bearer")));
	}

	@Test
	void refusesAWrongTokenAndUsersOtherThanAdmins() throws Exception {
		mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x"))
			.andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD)))
			.andExpect(status().isForbidden());
		mvc.perform(get("/actuator/prometheus").with(httpBasic(TestUsers.ADMIN, "wrong-password")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void servesAdminsTheApplicationsAndTheBusinessMeters() throws Exception {
		String scrape = scrapeAsAdmin();
		assertThat(scrape).contains("jvm_memory_used_bytes", "hikaricp_connections", "http_server_requests_seconds",
				"shinrai_recovery_cases{", "state=\"open\"", "state=\"overdue\"", "shinrai_mail_deliveries_total");
	}

	@Test
	void theTokensScrapeCountsAnEntryStoredMeanwhile() throws Exception {
		double before = storedByForm(scrapeWithToken());
		long customer = feedback.customer(TestFeedback.uniqueSegment(), "Metrics Customer");
		feedback.entry(customer, Instant.now()).rating(Signal.QUALITY, 4).save();
		assertThat(storedByForm(scrapeWithToken())).isEqualTo(before + 1);
	}

	private String scrapeAsAdmin() throws Exception {
		return mvc.perform(get("/actuator/prometheus").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private String scrapeWithToken() throws Exception {
		return mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static double storedByForm(String scrape) {
		Matcher matcher = STORED_BY_FORM.matcher(scrape);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

}
