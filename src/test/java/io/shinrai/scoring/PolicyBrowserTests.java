package io.shinrai.scoring;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PolicyBrowserTests {

	@Autowired
	private TestFeedback testFeedback;

	@LocalServerPort
	private int port;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private ScoringPolicies policies;

	private String segment;

	/**
	 * Feedback logged through {@link FeedbackLog} (so the trust sums are maintained) for
	 * one customer whose quality is rated far above its transparency: a heavier quality
	 * weight lifts its trust.
	 */
	@BeforeEach
	void someFeedback() {
		segment = "Policy " + TestFeedback.uniqueSegment().substring(2, 10);
		String reference = "T-" + UUID.randomUUID();
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		for (int day = 1; day < 30; day += 4) {
			feedback.log(NewFeedback.builder()
				.customer(reference, "株式会社品質商事", segment)
				.receivedAt(now.minus(Duration.ofDays(day)))
				.channel(Channel.SURVEY)
				.category(Category.SERVICE)
				.rating(Signal.QUALITY, 5)
				.rating(Signal.TRANSPARENCY, 2)
				.source(Source.FORM)
				.loggedBy(TestUsers.MANAGER)
				.build());
		}
	}

	@AfterEach
	void restoreTheDefaultPolicy() {
		PolicyVersion active = policies.active();
		if (!active.policy().equals(ScoringPolicy.defaults())) {
			policies.activate(ScoringPolicy.defaults(), "restore the default policy after a browser test",
					active.version(), TestUsers.ADMIN);
		}
	}

	private double dashboardTrust(Browser browser) {
		browser.go("/?segment=" + UriUtils.encodeQueryParam(segment, StandardCharsets.UTF_8));
		return Double.parseDouble(browser.text(By.id("trust-value")));
	}

	@Test
	void adminPreviewsAWeightChangeActivatesItAndSeesTheDashboardChange() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			double before = dashboardTrust(browser);

			browser.navigate("nav-policy");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Scoring policy");
			browser.screenshot("policy-form-en");

			browser.type(By.id("weights-QUALITY"), "100");
			browser.clickInView(By.id("policy-preview-button"));
			String trustRow = browser.text(By.id("policy-preview-trust"));
			assertThat(trustRow).startsWith("Company trust");
			assertThat(browser.find(By.id("weights-QUALITY")).getAttribute("value")).isEqualTo("100");
			browser.screenshot("policy-preview-en");

			String reason = "Quality is what our customers pay for";
			browser.type(By.id("reason"), reason);
			browser.clickInView(By.id("policy-activate-button"));
			assertThat(browser.text(By.cssSelector(".alert-success"))).contains("is active");
			assertThat(browser.text(By.id("policy-active-reason"))).isEqualTo(reason);
			assertThat(browser.text(By.id("policy-history"))).contains(reason)
				.contains("Weight of Quality & performance: 20 → 100");
			browser.screenshot("policy-activated-en");

			double after = dashboardTrust(browser);
			assertThat(after).isGreaterThan(before);
			browser.screenshot("policy-dashboard-after-en");

			// the same page in Japanese
			browser.go("/admin/policy?lang=ja");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("スコアリングポリシー");
			browser.screenshot("policy-form-ja");
		}
	}

}
