package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The key drivers on the drivers page and on the dashboard equal the API's answer for the
 * same filters, and every entry count opens to a feedback list of exactly that many
 * entries.
 */
@IntegrationTest
@AutoConfigureMockMvc
class DriversPagesMatchApiTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern ENTRIES_LINK = Pattern
		.compile("<a class=\"driver-entries\" href=\"([^\"]+)\">(\\d+)</a>");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	private final Random random = new Random(5);

	private final Instant now = Instant.now();

	private final LocalDate today = LocalDate.now(ZONE);

	/** The planted driver of the drivers' own tests, and entries without NPS. */
	private InsightFixtures planted(int entries) {
		InsightFixtures fixtures = InsightFixtures.plantedConsistencyDriver(log, random, now, entries);
		// entries without NPS count for nothing here, and must not be in the lists the
		// counts open
		for (int i = 0; i < 15; i++) {
			fixtures.add(fixtures.customer(), now.minus(Duration.ofHours(7 + 9L * i)), Channel.PHONE,
					entry -> entry.rating(Signal.CONSISTENCY, 2).rating(Signal.QUALITY, 3));
		}
		fixtures.store();
		return fixtures;
	}

	private JsonNode api(String segment, LocalDate from, LocalDate to) throws Exception {
		return JSON.readTree(mvc.perform(get("/api/v1/insights/drivers").param("segment", segment)
			.param("from", from.toString())
			.param("to", to.toString())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andReturn().getResponse().getContentAsString());
	}

	private String page(String url) throws Exception {
		return mvc.perform(get(url).with(user(users.user(TestUsers.STAFF))).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The number of entries the feedback list at this link shows. */
	private long listed(String href) throws Exception {
		String html = page(href.replace("&amp;", "&"));
		Matcher count = Pattern.compile("id=\"result-count\">([^<]+)<").matcher(html);
		assertThat(count.find()).as(href).isTrue();
		String text = count.group(1).replace(",", "");
		return text.startsWith("No ") ? 0 : Long.parseLong(text.replaceAll("\\D", ""));
	}

	private static String row(String html, String id) {
		int start = html.indexOf("id=\"" + id + "\"");
		assertThat(start).as(id).isNotNegative();
		return html.substring(start, html.indexOf("</tr>", start));
	}

	private void assertRowsEqualTheApi(String html, JsonNode answer, String rowPrefix, int rows) throws Exception {
		int checked = 0;
		for (JsonNode driver : answer.get("drivers")) {
			if (checked == rows) {
				break;
			}
			String row = row(html, rowPrefix + driver.get("factor").asString());
			Matcher link = ENTRIES_LINK.matcher(row);
			assertThat(link.find()).as(row).isTrue();
			long entries = driver.get("entries").asLong();
			assertThat(Long.parseLong(link.group(2))).as(driver.get("factor").asString()).isEqualTo(entries);
			assertThat(listed(link.group(1))).as("the list behind " + driver.get("factor").asString())
				.isEqualTo(entries);
			String percent = String.format(java.util.Locale.ENGLISH, "%.1f%%",
					driver.get("importance").asDouble() * 100);
			assertThat(row).as(driver.get("factor").asString()).contains(">" + percent + "<");
			checked++;
		}
		assertThat(checked).isPositive();
	}

	@Test
	void theDriversPageShowsTheApisFiguresAndEachCountOpensToItsEntries() throws Exception {
		InsightFixtures fixtures = planted(90);
		LocalDate from = today.minusDays(59);
		JsonNode answer = api(fixtures.segment(), from, today);
		assertThat(answer.get("entries").asLong()).isEqualTo(90);
		assertThat(answer.get("drivers").get(0).get("factor").asString()).isEqualTo("consistency");

		String html = page("/insights/drivers?segment=" + fixtures.segment() + "&from=" + from + "&to=" + today);

		assertRowsEqualTheApi(html, answer, "driver-", Integer.MAX_VALUE);
		assertThat(html).contains(answer.get("reading").asString());
		Matcher basis = Pattern.compile("id=\"drivers-basis\">\\s*<a href=\"([^\"]+)\">Based on (\\d+) entries")
			.matcher(html);
		assertThat(basis.find()).isTrue();
		assertThat(Long.parseLong(basis.group(2))).isEqualTo(90);
		assertThat(listed(basis.group(1))).isEqualTo(90);
		for (JsonNode factor : answer.get("fixFirst")) {
			assertThat(html).contains("id=\"fix-" + factor.asString() + "\"");
		}
	}

	@Test
	void theDashboardSectionEqualsTheApiForTheDashboardsPeriodAndSegment() throws Exception {
		InsightFixtures fixtures = planted(90);
		// the dashboard's 30 days, read as whole days: from the day 30 days ago to today
		JsonNode answer = api(fixtures.segment(), today.minusDays(30), today);

		String html = page("/?period=30&segment=" + fixtures.segment());

		assertThat(html).contains("id=\"dashboard-drivers\"");
		assertThat(html).contains(answer.get("reading").asString());
		assertRowsEqualTheApi(html, answer, "dashboard-driver-", 5);
		assertThat(html).contains("/insights/drivers?from=" + today.minusDays(30) + "&amp;to=" + today + "&amp;segment="
				+ fixtures.segment());
		String firstFix = answer.get("fixFirst").get(0).asString();
		assertThat(html).contains("id=\"dashboard-fix-" + firstFix + "\"");
	}

	@Test
	void theDashboardSectionRefusesThinDataAndSaysHowMuchIsNeeded() throws Exception {
		InsightFixtures fixtures = planted(12);

		String html = page("/?period=30&segment=" + fixtures.segment());

		assertThat(html).contains("id=\"dashboard-drivers-thin\"")
			.contains("needs at least 30 entries with NPS in this period and scope, and there are 12 (18 more needed)")
			.doesNotContain("id=\"dashboard-drivers-table\"");
		String japanese = mvc
			.perform(get("/").param("period", "30")
				.param("segment", fixtures.segment())
				.with(user(users.user(TestUsers.STAFF)))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(japanese).contains("NPS の主要因").doesNotContain("Key drivers of NPS");
	}

}
