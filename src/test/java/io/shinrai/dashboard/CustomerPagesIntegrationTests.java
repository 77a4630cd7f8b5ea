package io.shinrai.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;

/**
 * The customers list and the customer page, as staff and managers see them, in English
 * and Japanese.
 */
@IntegrationTest
@AutoConfigureMockMvc
class CustomerPagesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private TestFeedback testFeedback;

	private final String prefix = "PG-" + UUID.randomUUID().toString().substring(0, 8);

	private long customer(String suffix, String name) {
		return customers
			.create(new CustomerDetails(prefix + "-" + suffix, name, prefix + "-segment", suffix + "@example.com",
					null), "test")
			.getId();
	}

	/** One entry (quality rating, optional incident) stored through feedback capture. */
	private long feedback(long customerId, Instant at, int quality, String incident, String comment) {
		TestFeedback.Entry entry = testFeedback.entry(customerId, at)
			.channel(Channel.PHONE)
			.rating(Signal.QUALITY, quality)
			.comment(comment);
		if (incident != null) {
			entry.incident(incident);
		}
		return entry.save();
	}

	private String page(String url, String username, String language) throws Exception {
		return mvc.perform(get(url).param("lang", language).with(user(users.user(username))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/**
	 * A customer with only an NPS answer has no trust evidence: the explanation's shares
	 * read "no data", never "0.0 %" for a share of nothing.
	 */
	@Test
	void sharesWithoutEvidenceReadNoDataInsteadOfZeroPercent() throws Exception {
		long npsOnly = customer("nps", "NPS Only Customer");
		testFeedback.entry(npsOnly, Instant.now().minus(Duration.ofDays(1))).nps(3).save();
		String english = page("/customers/" + npsOnly, TestUsers.STAFF, "en");
		String japanese = page("/customers/" + npsOnly, TestUsers.STAFF, "ja");
		assertThat(english).doesNotContain("0.0 %").containsPattern("class=\"text-end\">no data yet</td>");
		assertThat(japanese).doesNotContain("0.0 %").containsPattern("class=\"text-end\">データなし</td>");
	}

	@Test
	void listShowsTrustBandAndStatusLowestFirstAndNoDataLast() throws Exception {
		long happy = customer("happy", "Happy Customer");
		long unhappy = customer("unhappy", "Unhappy Customer");
		customer("silent", "Silent Customer");
		Instant now = Instant.now();
		feedback(happy, now.minus(Duration.ofDays(1)), 5, null, null);
		feedback(unhappy, now.minus(Duration.ofDays(2)), 1, "BROKEN_PROMISE", null);
		feedback(unhappy, now.minus(Duration.ofDays(3)), 1, null, null);

		String html = page("/customers?q=" + prefix, TestUsers.STAFF, "en");

		assertThat(html).contains("3 customers");
		assertThat(page("/customers?page=999&q=" + prefix, TestUsers.STAFF, "en")).contains("Unhappy Customer")
			.doesNotContain("Page 999");
		int unhappyAt = html.indexOf("Unhappy Customer");
		int happyAt = html.indexOf("Happy Customer");
		int silentAt = html.indexOf("Silent Customer");
		assertThat(unhappyAt).isPositive().isLessThan(happyAt);
		assertThat(happyAt).isLessThan(silentAt);
		assertThat(html).contains("no data yet")
			.contains("band-LOW")
			.contains("status-AT_RISK")
			.contains("band-MEDIUM")
			// quality (w·100 + 2·50) / (w + 2) with w = 2^(−1/90), the prior elsewhere:
			// one decimal
			.contains("53.3");
		assertThat(html).doesNotContain("id=\"new-customer\"");
	}

	@Test
	void filtersByBandAndStatus() throws Exception {
		long happy = customer("happy", "Happy Customer");
		long watched = customer("watched", "Watched Customer");
		long unhappy = customer("unhappy", "Unhappy Customer");
		Instant now = Instant.now();
		feedback(happy, now.minus(Duration.ofDays(1)), 5, null, null);
		feedback(watched, now.minus(Duration.ofDays(1)), 5, "INAPPROPRIATE_MARKETING", null);
		for (int i = 1; i <= 3; i++) {
			feedback(unhappy, now.minus(Duration.ofDays(i)), 1, "DATA_MISUSE", null);
		}

		String low = page("/customers?band=LOW&q=" + prefix, TestUsers.STAFF, "en");
		String watch = page("/customers?status=watch&q=" + prefix, TestUsers.STAFF, "en");

		assertThat(low).contains("1 customer.")
			.contains("Unhappy Customer")
			.doesNotContain(">Happy Customer")
			.doesNotContain("Watched Customer");
		assertThat(watch).contains("1 customer.").contains("Watched Customer").doesNotContain("Unhappy Customer");
	}

	@Test
	void managersSeeTheNewCustomerButton() throws Exception {
		assertThat(page("/customers", TestUsers.MANAGER, "en")).contains("id=\"new-customer\"")
			.contains("/customers/new");
	}

	@Test
	void listSpeaksJapanese() throws Exception {
		customer("silent", "静かな顧客");

		String html = page("/customers?q=" + prefix, TestUsers.STAFF, "ja");

		assertThat(html).contains("顧客").contains("データなし").contains("信頼スコアの低い順").contains("静かな顧客");
	}

	@Test
	void customerPageExplainsEverySignalAndListsTheTimeline() throws Exception {
		long id = customer("detail", "Detailed Customer");
		Instant now = Instant.now();
		long first = feedback(id, now.minus(Duration.ofDays(10)), 4, null, "Friendly and quick");
		long second = feedback(id, now.minus(Duration.ofDays(2)), 2, "PRODUCT_DEFECT", "Broke after a day");

		String html = page("/customers/" + id, TestUsers.STAFF, "en");

		assertThat(html).contains("Detailed Customer").contains(prefix + "-detail").contains("detail@example.com");
		assertThat(html).contains("Transparency &amp; honesty").contains("Quality &amp; performance");
		assertThat(html).contains("Rating 4 of 5").contains("Incident: Product defect").contains("Prior (mean 50)");
		assertThat(html).contains("/feedback/" + first).contains("/feedback/" + second);
		assertThat(html).contains("Friendly and quick").contains("Broke after a day");
		assertThat(html).contains("Watch").contains("1 negative entry in the last 90 days");
		assertThat(html).contains("<svg").contains("role=\"img\"").contains("<polyline").contains("id=\"trend-table\"");
		assertThat(html).doesNotContain("style=").doesNotContain("<script>");
		assertThat(html).doesNotContain("id=\"edit-customer\"");
	}

	@Test
	void timelineShowsTheLatestEntriesAndLinksToTheRest() throws Exception {
		long id = customer("busy", "Busy Customer");
		Instant now = Instant.now();
		int total = CustomerPageController.TIMELINE_ENTRIES + 3;
		for (int i = 0; i < total; i++) {
			feedback(id, now.minus(Duration.ofDays(i + 1)), 4, null, "Entry number " + i + ".");
		}

		String html = page("/customers/" + id, TestUsers.STAFF, "en");

		String timeline = html.substring(html.indexOf("id=\"timeline\""));
		assertThat(timeline.split("<tr", -1)).hasSize(1 + 1 + CustomerPageController.TIMELINE_ENTRIES);
		assertThat(timeline).contains("Entry number 0.")
			.contains("Entry number 49.")
			.doesNotContain("Entry number 50.");
		assertThat(html).contains("The latest 50 of 53 entries are shown here")
			.contains("/feedback?customer=" + prefix + "-busy");
		assertThat(page("/customers/" + id, TestUsers.STAFF, "ja")).contains("最新の 50 件を表示しています（全 53 件）");
	}

	@Test
	void customerPageSpeaksJapaneseAndShowsTheEditLinkToManagers() throws Exception {
		long id = customer("ja", "日本の顧客");
		feedback(id, Instant.now().minus(Duration.ofDays(1)), 5, null, null);

		String html = page("/customers/" + id, TestUsers.MANAGER, "ja");

		assertThat(html).contains("日本の顧客")
			.contains("スコアの根拠")
			.contains("品質とパフォーマンス")
			.contains("フィードバックの履歴")
			.contains("id=\"edit-customer\"")
			.contains("/customers/" + id + "/edit");
	}

	@Test
	void customerWithoutFeedbackSaysNoDataYetNeverFifty() throws Exception {
		long id = customer("none", "Nobody Yet");

		String html = page("/customers/" + id, TestUsers.STAFF, "en");

		assertThat(html).contains("No feedback has been logged");
		String trust = html.substring(html.indexOf("id=\"trust-score\""));
		assertThat(trust.substring(0, trust.indexOf("</p>"))).contains("no data yet").doesNotContain("50");
	}

	@Nested
	class Errors {

		@Test
		void unknownCustomerIsA404Page() throws Exception {
			mvc.perform(get("/customers/999999999").with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isNotFound());
		}

		@Test
		void nonNumericIdIsA404NotA500() throws Exception {
			mvc.perform(get("/customers/abc").with(user(users.user(TestUsers.STAFF)))).andExpect(status().isNotFound());
			mvc.perform(get("/customers/-1").with(user(users.user(TestUsers.STAFF)))).andExpect(status().isNotFound());
		}

		@Test
		void invalidParametersAreExplainedWithA400() throws Exception {
			String html = mvc
				.perform(get("/customers").param("band", "PURPLE")
					.param("page", "zero")
					.with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();

			assertThat(html).contains("“PURPLE” is not a band")
				.contains("“zero” is not a page number")
				.doesNotContain("id=\"customer-table\"");
		}

	}

}
