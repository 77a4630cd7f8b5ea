package io.shinrai.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class DashboardControllerIntegrationTests {

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private io.shinrai.TestUsers users;

	private String segment;

	private long customer;

	@BeforeEach
	void someFeedbackOfTheLastWeeks() {
		TestFeedback fixtures = testFeedback;
		segment = TestFeedback.uniqueSegment();
		customer = fixtures.customer(segment, "山田商事株式会社");
		Instant now = Instant.now();
		fixtures.entry(customer, now.minus(Duration.ofDays(3)))
			.channel(Channel.PHONE)
			.rating(Signal.TRANSPARENCY, 4)
			.rating(Signal.CONSISTENCY, 1)
			.incident("BROKEN_PROMISE")
			.nps(3)
			.csat(2)
			.save();
		fixtures.entry(customer, now.minus(Duration.ofDays(8)))
			.channel(Channel.EMAIL)
			.rating(Signal.QUALITY, 4)
			.rating(Signal.VALUES, 5)
			.nps(9)
			.csat(4)
			.ces(6)
			.save();
		fixtures.entry(customer, now.minus(Duration.ofDays(150)))
			.channel(Channel.EMAIL)
			.rating(Signal.QUALITY, 5)
			.save();
	}

	private String page(String query, String language, String username) throws Exception {
		MockHttpServletRequestBuilder request = get("/" + query).header("Accept-Language", language)
			.with(user(users.user(username)));
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	@Test
	void showsEveryPanelForASegmentInEnglish() throws Exception {
		String html = page("?segment=" + segment, "en", TestUsers.STAFF);
		assertThat(html)
			.contains("id=\"trust-panel\"", "id=\"signals-panel\"", "id=\"trend-panel\"", "id=\"satisfaction-panel\"",
					"id=\"risk-panel\"", "id=\"recovery-panel\"", "id=\"breakdown-segment\"",
					"id=\"breakdown-channel\"", "id=\"incidents-panel\"")
			.contains("Trust for this selection")
			.contains("Weakest")
			.contains("Broken promise")
			.contains("At risk: 0", "Watch: 1")
			.contains("href=\"/customers/" + customer + "\"")
			.contains("2 responses")
			.doesNotContain("id=\"empty-state\"");
		assertThat(html.substring(0, html.indexOf("</head>"))).containsOnlyOnce("<title>");
		// one decimal everywhere: NPS of the period is (1 promoter - 1 detractor) / 2 = 0
		assertThat(html).contains("<span class=\"fs-4\">0.0</span>");
	}

	@Test
	void drawsTheTrendAsInlineSvgWithATextAlternativeAndNoInlineStyleOrScript() throws Exception {
		String html = page("?segment=" + segment, "en", TestUsers.STAFF);
		assertThat(html).contains("<svg class=\"trend-chart\"", "role=\"group\"", "aria-labelledby=\"trend-heading\"")
			.contains("stroke-dasharray=\"7 4\"")
			.contains("<details class=\"chart-data\" id=\"trend-data\">")
			.contains("Week ending")
			.doesNotContain("style=")
			.doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
	}

	@Test
	void showsTheDashboardInJapanese() throws Exception {
		String html = page("?segment=" + segment, "ja", TestUsers.STAFF);
		assertThat(html).contains("ダッシュボード", "5つの信頼シグナル", "最も弱い", "約束の不履行", "信頼スコアと NPS の週次推移（12か月）", "回答 2件");
	}

	@Test
	void keepsTheFiltersInTheAddressAndTheForm() throws Exception {
		LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
		String html = page("?period=custom&from=" + today.minusDays(10) + "&to=" + today + "&segment=" + segment
				+ "&channel=PHONE", "en", TestUsers.STAFF);
		assertThat(html).contains("<form class=\"filters row g-2 align-items-end mb-2\" method=\"get\" action=\"/\"")
			.contains("<option value=\"custom\" selected=\"selected\">")
			.contains("<option value=\"PHONE\" selected=\"selected\">")
			.contains("value=\"" + today.minusDays(10) + "\"")
			.contains("1 response")
			.doesNotContain("id=\"filter-errors\"");
	}

	@Test
	void showsTheCustomersPageWithTheTrendChartAndOnlyThePageTitleInTheHead() throws Exception {
		String html = mvc
			.perform(get("/customers/" + customer).header("Accept-Language", "en")
				.with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String head = html.substring(0, html.indexOf("</head>"));
		// the chart's SVG titles stay in the chart: the layout takes only the page's own
		// title into its head
		assertThat(head).containsOnlyOnce("<title>").contains("山田商事株式会社");
		assertThat(html.substring(html.indexOf("</head>"))).contains("class=\"trend-svg\"", "id=\"trend-title\"");
	}

	@Test
	void answersNotFoundForACustomerThatDoesNotExist() throws Exception {
		mvc.perform(get("/customers/" + Long.MAX_VALUE).with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isNotFound());
	}

	@Nested
	class InvalidFiltersAreExplainedAndReplacedByDefaults {

		@Test
		void anUnknownPeriodAndChannel() throws Exception {
			String html = page("?period=7&channel=FAX&segment=" + segment, "en", TestUsers.STAFF);
			assertThat(html).contains("Unknown period; showing the last 90 days.")
				.contains("Unknown channel; showing all channels.")
				.contains("<option value=\"90\" selected=\"selected\">")
				.contains("2 responses");
		}

		@Test
		void reversedCustomDatesInJapanese() throws Exception {
			String html = page("?period=custom&from=2026-02-01&to=2026-01-01&segment=" + segment, "ja",
					TestUsers.STAFF);
			assertThat(html).contains("終了日が開始日より前です。過去90日間を表示しています。");
		}

		@Test
		void malformedAndIncompleteDates() throws Exception {
			assertThat(page("?period=custom&from=soon&to=2026-01-01", "en", TestUsers.STAFF))
				.contains("The start date is not a valid date (use YYYY-MM-DD)");
			assertThat(page("?period=custom&from=2026-01-01", "en", TestUsers.STAFF))
				.contains("Custom dates need both a start and an end date");
			assertThat(page("?period=custom&from=2999-01-01&to=2999-02-01", "en", TestUsers.STAFF))
				.contains("The period starts in the future");
			assertThat(page("?segment=" + "x".repeat(101), "en", TestUsers.STAFF))
				.contains("The segment name is too long; showing all segments.");
		}

		@Test
		void datesWithoutAPeriodMeanCustomDates() throws Exception {
			LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
			String html = page("?from=" + today.minusDays(5) + "&to=" + today + "&segment=" + segment, "en",
					TestUsers.STAFF);
			assertThat(html).contains("<option value=\"custom\" selected=\"selected\">").contains("1 response");
		}

	}

	@Nested
	class TheEmptyState {

		@Test
		void tellsManagersHowToStart() throws Exception {
			String html = page("?segment=" + TestFeedback.uniqueSegment(), "en", TestUsers.MANAGER);
			assertThat(html).contains("id=\"empty-state\"")
				.contains("href=\"/feedback/new\"", "href=\"/import\"")
				.doesNotContain("id=\"trust-panel\"", "id=\"trend-panel\"");
		}

		@Test
		void tellsStaffWhoCanAddFeedbackInJapanese() throws Exception {
			String html = page("?segment=" + TestFeedback.uniqueSegment(), "ja", TestUsers.STAFF);
			assertThat(html).contains("id=\"empty-state\"", "マネージャーがフィードバックを記録するか")
				.doesNotContain("href=\"/feedback/new\"", "フィードバックを追加してください", "次のいずれかから始めてください");
			assertThat(page("?segment=" + TestFeedback.uniqueSegment(), "en", TestUsers.STAFF))
				.as("staff cannot add feedback, so they are not asked to")
				.doesNotContainIgnoringCase("add feedback")
				.doesNotContain("Start with one of these");
		}

	}

}
