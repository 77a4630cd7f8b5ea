package io.shinrai.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.scoring.CustomerReport;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The customer page in plain words: what moved the score, the recovery cases, customers
 * with survey answers only.
 */
@IntegrationTest
@AutoConfigureMockMvc
class CustomerPageInsightIntegrationTests {

	@Autowired
	private TestFeedback fixtures;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private TrustScores trustScores;

	@Autowired
	private RecoveryCases recoveryCases;

	private String page(long customer, String language) throws Exception {
		return mvc
			.perform(get("/customers/" + customer).header("Accept-Language", language)
				.with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private long customerWithAComplaintAndAPraise() {
		long customer = fixtures.customer(TestFeedback.uniqueSegment(), "Mixed Feelings KK");
		Instant now = Instant.now();
		fixtures.entry(customer, now.minus(Duration.ofDays(3)))
			.channel(Channel.PHONE)
			.rating(Signal.QUALITY, 1)
			.incident("BROKEN_PROMISE")
			.save();
		fixtures.entry(customer, now.minus(Duration.ofDays(20))).rating(Signal.VALUES, 5).save();
		fixtures.entry(customer, now.minus(Duration.ofDays(40))).rating(Signal.VALUES, 3).save();
		return customer;
	}

	@Test
	void saysInWordsWhatPulledTheScoreDownAndUpAboveTheTables() throws Exception {
		long customer = customerWithAComplaintAndAPraise();

		String html = page(customer, "en");

		assertThat(html).contains("What pulled this score down or up", "Pulled it down", "Pulled it up",
				"Broken promise (incident)", "Quality &amp; performance rated 1 of 5",
				"Values &amp; mission rated 5 of 5", "Pulled trust down by", "Pulled trust up by", ", Phone");
		assertThat(html.indexOf("id=\"plain-explanation\"")).isPositive()
			.isLessThan(html.indexOf("id=\"signal-table\""));
		String down = html.substring(html.indexOf("id=\"plain-down\""), html.indexOf("id=\"plain-up-title\""));
		assertThat(down).contains("Broken promise").doesNotContain("rated 5 of 5");
		// a rating of 3 is the prior mean: it moves nothing and is not named
		assertThat(html.substring(html.indexOf("id=\"plain-explanation\""), html.indexOf("id=\"signal-table\"")))
			.doesNotContain("rated 3 of 5");
	}

	@Test
	void saysItInJapaneseToo() throws Exception {
		String html = page(customerWithAComplaintAndAPraise(), "ja");

		assertThat(html).contains("このスコアを下げたもの・上げたもの", "約束の不履行（インシデント）", "価値観と使命の評価 5/5", "ポイント下げました", "ポイント上げました",
				"（電話）");
	}

	@Test
	void thePullsOfAllEntriesAddUpToTheDistanceFromThePriorMean() {
		long customer = customerWithAComplaintAndAPraise();
		CustomerReport report = trustScores.report(customer, Instant.now());

		Map<Long, Double> pulls = PlainExplanation.pulls(report.explanation(), report.policy().policy());

		double sum = pulls.values().stream().mapToDouble(Double::doubleValue).sum();
		assertThat(pulls).hasSize(3);
		assertThat(sum).isCloseTo(report.trust().score().trust() - report.policy().policy().priorMean(), within(1e-9));
	}

	@Test
	void aCustomerWithOnlyAnNpsAnswerIsNotSaidToHaveNoFeedback() throws Exception {
		long customer = fixtures.customer(TestFeedback.uniqueSegment(), "Survey Only Ltd");
		fixtures.entry(customer, Instant.now().minus(Duration.ofDays(5))).nps(9).save();

		String html = page(customer, "en");

		assertThat(html).doesNotContain("there is no feedback in the last 12 months", "No feedback has been logged")
			.contains("No trust score yet", "only survey answers", "NPS 9");
		assertThat(page(customer, "ja")).doesNotContain("過去 12 か月にフィードバックがないため").contains("アンケート回答だけ");
	}

	@Test
	void listsTheCustomersRecoveryCases() throws Exception {
		long customer = customerWithAComplaintAndAPraise();
		CaseSummary opened = recoveryCases.ofCustomer(customer).get(0);

		String html = page(customer, "en");

		assertThat(html).contains("id=\"customer-cases\"", "Recovery cases", "Case #" + opened.id(),
				"href=\"/recovery/" + opened.id() + "\"", "href=\"/recovery?tab=all&amp;customer=" + customer + "\"")
			.doesNotContain("id=\"no-cases\"");
		assertThat(page(customer, "ja")).contains("信頼回復ケース", "ケース #" + opened.id());

		long calm = fixtures.customer(TestFeedback.uniqueSegment(), "Calm Co");
		fixtures.entry(calm, Instant.now().minus(Duration.ofDays(2))).rating(Signal.VALUES, 5).save();
		assertThat(page(calm, "en")).contains("id=\"no-cases\"", "No recovery case has been opened");
	}

}
