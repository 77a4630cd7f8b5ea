package io.shinrai.survey;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The managers' side of survey links without mail configured: the CSV for a mail merge
 * and the e-mail refusal.
 */
@IntegrationTest
@AutoConfigureMockMvc
class SurveyLinkPagesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private SurveyLinks links;

	@Autowired
	private JdbcClient jdbc;

	private Customer customer(String segment, String reference, String name, String email, String language) {
		return customers.create(new CustomerDetails(reference, name, segment, email, language), TestUsers.MANAGER);
	}

	private long linksOf(Customer customer) {
		return jdbc.sql("select count(*) from survey_link where customer_id = ?")
			.param(customer.getId())
			.query(Long.class)
			.single();
	}

	@Test
	void csvHasOneNewWorkingLinkPerCustomerOfTheSegmentQuotedAndProtected() throws Exception {
		String segment = "Merge " + UUID.randomUUID();
		String prefix = "CSV-" + UUID.randomUUID().toString().substring(0, 8);
		Customer plain = customer(segment, prefix + "-1", "Ann, \"the\" buyer", "ann@example.test", "en");
		Customer formula = customer(segment, prefix + "-2", "=HYPERLINK(\"http://x\")", null, "ja");
		Customer japanese = customer(segment, prefix + "-3", "＠山田 花子", "hanako@example.test", "ja");
		Customer other = customer("Other " + UUID.randomUUID(), prefix + "-4", "Not in the segment", null, "en");

		MockHttpServletResponse response = mvc
			.perform(post("/survey-links/batch.csv").with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.param("segment", segment)
				.param("expiresInDays", "30"))
			.andReturn()
			.getResponse();

		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo("text/csv;charset=UTF-8");
		assertThat(response.getHeader("Content-Disposition")).contains("attachment").contains("survey-links-");
		byte[] bytes = response.getContentAsByteArray();
		String body = new String(bytes, StandardCharsets.UTF_8);
		assertThat(body).startsWith("\uFEFF");
		List<String> lines = List.of(body.substring(1).split("\r\n"));
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).isEqualTo("\"customer_ref\",\"name\",\"email\",\"language\",\"url\",\"expires_at\"");
		for (String line : lines) {
			assertThat(line).as("every cell quoted").startsWith("\"").endsWith("\"");
		}
		assertThat(body.substring(1).replace("\r\n", "")).doesNotContain("\n");
		List<CSVRecord> rows = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(body.substring(1)))
			.getRecords();
		assertThat(rows).extracting(row -> row.get("customer_ref"))
			.containsExactly(prefix + "-1", prefix + "-2", prefix + "-3");
		assertThat(rows.get(0).get("name")).isEqualTo("Ann, \"the\" buyer");
		assertThat(rows.get(0).get("email")).isEqualTo("ann@example.test");
		assertThat(rows.get(0).get("language")).isEqualTo("en");
		assertThat(rows.get(1).get("name")).as("a formula start is neutralised").isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(rows.get(1).get("email")).isEmpty();
		assertThat(rows.get(1).get("language")).isEqualTo("ja");
		assertThat(rows.get(2).get("name")).isEqualTo("'＠山田 花子");
		for (CSVRecord row : rows) {
			assertThat(row.get("url")).startsWith("http://localhost:8080/s/");
			assertThat(row.get("expires_at")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
			String token = row.get("url").substring(row.get("url").lastIndexOf('/') + 1);
			assertThat(links.open(token).state()).isEqualTo(SurveyLinkState.OPENED);
		}
		assertThat(links.open(rows.get(2).get("url").substring(rows.get(2).get("url").lastIndexOf('/') + 1))
			.language()
			.getLanguage()).isEqualTo("ja");
		assertThat(linksOf(plain) + linksOf(formula) + linksOf(japanese)).isEqualTo(3);
		assertThat(linksOf(other)).isZero();
		assertThat(jdbc.sql("select count(*) from audit_event where subject = ?")
			.param("segment:" + segment)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void csvWithAnExpiryOutOfRangeCreatesNothing() throws Exception {
		String segment = "Merge " + UUID.randomUUID();
		Customer customer = customer(segment, "CSV-" + UUID.randomUUID(), "Bad days", null, "en");
		for (String days : List.of("0", "91", "abc", "-3")) {
			MockHttpServletResponse response = mvc
				.perform(post("/survey-links/batch.csv").with(user(users.user(TestUsers.MANAGER)))
					.with(csrf())
					.param("segment", segment)
					.param("expiresInDays", days))
				.andReturn()
				.getResponse();
			assertThat(response.getRedirectedUrl()).isEqualTo("/survey-links?invalidDays");
		}
		assertThat(linksOf(customer)).isZero();
		String page = mvc
			.perform(get("/survey-links").param("invalidDays", "")
				.param("lang", "ja")
				.with(user(users.user(TestUsers.MANAGER))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("1〜90").doesNotContain("The links must be valid");
	}

	@Test
	void csvIsForManagersOnly() throws Exception {
		assertThat(mvc.perform(post("/survey-links/batch.csv").with(user(users.user(TestUsers.STAFF))).with(csrf()))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void emailWithoutMailConfiguredIsRefusedInTheUsersLanguageAndCreatesNothing() throws Exception {
		Customer customer = customer("Mail " + UUID.randomUUID(), "NM-" + UUID.randomUUID(), "No mail here",
				"nomail@example.test", "en");

		MvcResult result = mvc
			.perform(post("/survey-links").with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.param("customerId", String.valueOf(customer.getId()))
				.param("delivery", "EMAIL"))
			.andReturn();

		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
		assertThat(result.getFlashMap().get("surveyLinkFailure")).isEqualTo("survey.links.mailNotConfigured");
		assertThat(result.getFlashMap().containsKey("surveyLinkIssued")).isFalse();
		assertThat(linksOf(customer)).isZero();
		assertThatThrownBy(() -> links.issueByEmail(customer.getId(), null, null, TestUsers.MANAGER))
			.isInstanceOf(SurveyLinkRefusedException.class);
		assertThat(linksOf(customer)).isZero();

		String page = mvc
			.perform(
					get("/customers/" + customer.getId()).param("lang", "ja").with(user(users.user(TestUsers.MANAGER))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).doesNotContain("value=\"EMAIL\"");
	}

}
