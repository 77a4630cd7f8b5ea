package io.shinrai.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every number of the dashboard leads to a list that counts the same, with its filter
 * shown and removable.
 */
@IntegrationTest
@AutoConfigureMockMvc
class DashboardDrillDownIntegrationTests {

	private static final Pattern COUNT = Pattern.compile("(\\d[\\d,]*)");

	@Autowired
	private TestFeedback fixtures;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	private String segment;

	@BeforeEach
	void customersOfOneSegment() {
		segment = TestFeedback.uniqueSegment();
		Instant now = Instant.now();
		long atRisk = fixtures.customer(segment, "Risky & Co");
		fixtures.entry(atRisk, now.minus(Duration.ofDays(2)))
			.channel(Channel.PHONE)
			.rating(Signal.QUALITY, 1)
			.incident("BROKEN_PROMISE")
			.nps(2)
			.csat(1)
			.save();
		fixtures.entry(atRisk, now.minus(Duration.ofDays(4)))
			.channel(Channel.EMAIL)
			.rating(Signal.VALUES, 1)
			.incident("BROKEN_PROMISE")
			.incident("DATA_MISUSE")
			.ces(2)
			.save();
		long watch = fixtures.customer(segment, "Watched KK");
		fixtures.entry(watch, now.minus(Duration.ofDays(6)))
			.channel(Channel.EMAIL)
			.rating(Signal.CONSISTENCY, 1)
			.nps(10)
			.save();
		long fine = fixtures.customer(segment, "Fine Ltd");
		fixtures.entry(fine, now.minus(Duration.ofDays(20)))
			.channel(Channel.CHAT)
			.rating(Signal.QUALITY, 5)
			.nps(9)
			.csat(5)
			.ces(6)
			.save();
		// outside the 30-day period: must count nowhere below
		fixtures.entry(fine, now.minus(Duration.ofDays(45)))
			.channel(Channel.CHAT)
			.rating(Signal.QUALITY, 5)
			.nps(9)
			.save();
	}

	@Test
	void everyCountLeadsToAListWithTheSameCount() throws Exception {
		String dashboard = page("/?period=30&segment=" + segment);
		List<Link> links = new ArrayList<>();
		for (String id : List.of("at-risk-count", "watch-count", "trust-responses-link", "nps-responses",
				"csat-responses", "ces-responses", "recovery-open", "recovery-overdue")) {
			links.add(link(dashboard, id));
		}
		links.addAll(links(dashboard, "class=\"breakdown-responses\""));
		links.addAll(links(dashboard, "class=\"incident-count\""));
		assertThat(links).hasSizeGreaterThan(12);
		assertThat(links).extracting(Link::count).contains(1L, 2L, 3L, 4L);
		for (Link link : links) {
			assertThat(listCount(page(link.href()))).as("%s → %s", link.label(), link.href()).isEqualTo(link.count());
		}
	}

	@Test
	void theTargetListShowsTheFilterAndLinksToTheListWithoutIt() throws Exception {
		String dashboard = page("/?period=30&segment=" + segment);
		String feedback = page(link(dashboard, "nps-responses").href());
		assertThat(feedback).contains("id=\"active-filters\"", "Received", "Answered");
		String chips = feedback.substring(feedback.indexOf("id=\"active-filters\""));
		Matcher remove = Pattern
			.compile("<a class=\"ms-1 link-dark\" href=\"([^\"]+)\"[^>]*aria-label=\"Remove the filter Answered\"")
			.matcher(chips);
		assertThat(remove.find()).isTrue();
		String withoutAnswer = HtmlUtils.htmlUnescape(remove.group(1));
		assertThat(withoutAnswer).doesNotContain("answered").contains("since=", "segment=");
		// NPS answers of the period: 3; every entry of the period: 4
		assertThat(listCount(page(withoutAnswer))).isEqualTo(4);

		String customers = page(link(dashboard, "at-risk-count").href());
		assertThat(customers).contains("id=\"active-filters\"", "At risk", segment, "Risky &amp; Co")
			.doesNotContain("Watched KK", "Fine Ltd");
	}

	@Test
	void seeAllLeadsToEveryCustomerAtRisk() throws Exception {
		String dashboard = page("/?period=30&segment=" + segment);
		Link seeAll = link(dashboard, "at-risk-see-all");
		assertThat(seeAll.label()).contains("See all 1 customers at risk");
		assertThat(listCount(page(seeAll.href()))).isEqualTo(1);
	}

	@Test
	void theChartsPointsLeadToTheirWeeksFeedback() throws Exception {
		String dashboard = page("/?period=30&segment=" + segment);
		Matcher point = Pattern.compile("<a href=\"([^\"]+)\" class=\"trend-point\"[^>]*>").matcher(dashboard);
		List<String> weeks = new ArrayList<>();
		while (point.find()) {
			weeks.add(HtmlUtils.htmlUnescape(point.group(1)));
		}
		assertThat(weeks).isNotEmpty();
		long total = 0;
		for (String week : weeks) {
			assertThat(week).startsWith("/feedback?since=").contains("segment=");
			total += listCount(page(week));
		}
		// the weeks with a trust point hold every entry of the segment (all five are
		// within the trend's year)
		assertThat(total).isEqualTo(5);
	}

	@Test
	void aPastPeriodListsTheCustomersAsOfItsEnd() throws Exception {
		java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
		String dashboard = page(
				"/?period=custom&from=" + today.minusDays(60) + "&to=" + today.minusDays(30) + "&segment=" + segment);
		Link atRisk = link(dashboard, "at-risk-count");
		Link watch = link(dashboard, "watch-count");
		assertThat(atRisk.href()).contains("asOf=");
		assertThat(listCount(page(atRisk.href()))).isEqualTo(atRisk.count()).isZero();
		assertThat(listCount(page(watch.href()))).isEqualTo(watch.count()).isZero();
	}

	private String page(String url) throws Exception {
		return mvc.perform(get(url).header("Accept-Language", "en").with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	record Link(String label, String href, long count) {
	}

	private static Link link(String html, String id) {
		Matcher matcher = Pattern.compile("<a\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)</a>")
			.matcher(html);
		assertThat(matcher.find()).as(id).isTrue();
		return toLink(matcher.group(0), matcher.group(1));
	}

	private static List<Link> links(String html, String attribute) {
		Matcher matcher = Pattern.compile("<a\\b[^>]*" + Pattern.quote(attribute) + "[^>]*>([^<]*)</a>").matcher(html);
		List<Link> found = new ArrayList<>();
		while (matcher.find()) {
			found.add(toLink(matcher.group(0), matcher.group(1)));
		}
		return found;
	}

	private static Link toLink(String tag, String text) {
		Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(tag);
		assertThat(href.find()).as(tag).isTrue();
		String label = HtmlUtils.htmlUnescape(text).strip();
		return new Link(label, HtmlUtils.htmlUnescape(href.group(1)), number(label));
	}

	private static long number(String text) {
		Matcher matcher = COUNT.matcher(text);
		return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : 0;
	}

	/** The count a list says it shows: feedback entries, customers or cases. */
	private static long listCount(String html) {
		for (String marker : List.of("id=\"result-count\">", "id=\"customer-count\">", "id=\"recovery-cases\">")) {
			int at = html.indexOf(marker);
			if (at >= 0) {
				String rest = html.substring(at + marker.length());
				rest = rest.replaceAll("(?s)^\\s*(<[^>]+>\\s*)*", "");
				return number(rest.substring(0, rest.indexOf('<')));
			}
		}
		if (html.contains("id=\"recovery-empty\"")) {
			return 0;
		}
		throw new AssertionError("no count on the page");
	}

}
