package io.shinrai.insight;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriUtils;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InsightBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private FeedbackLog log;

	@Autowired
	private TermCountMaintenance maintenance;

	private InsightFixtures fixtures;

	/**
	 * A segment where consistency drives NPS, the phone goes badly and negative comments
	 * talk about delivery.
	 */
	@BeforeEach
	void plantedSegment() {
		fixtures = new InsightFixtures(log);
		Random random = new Random(5);
		Instant now = Instant.now();
		List<String> customers = List.of(fixtures.customer(), fixtures.customer(), fixtures.customer(),
				fixtures.customer());
		for (int i = 0; i < 60; i++) {
			Channel channel = Channel.values()[i % 3];
			boolean phone = channel == Channel.PHONE;
			int consistency = phone ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
			int nps = consistency <= 2 ? random.nextInt(5) : 8 + random.nextInt(3);
			String comment = nps <= 6 ? "配送が遅れた。担当者は丁寧でした" : "担当者は丁寧でした";
			fixtures.add(customers.get(i % 4), now.minus(Duration.ofHours(10 + 17L * i)), channel,
					entry -> entry.rating(Signal.CONSISTENCY, consistency)
						.rating(Signal.QUALITY, 1 + random.nextInt(5))
						.nps(nps)
						.comment(comment));
		}
		fixtures.store();
		maintenance.catchUp();
	}

	private String segmentQuery() {
		return "segment=" + UriUtils.encodeQueryParam(fixtures.segment(), StandardCharsets.UTF_8);
	}

	private static void click(Browser browser, By target) {
		WebElement element = browser.find(target);
		((ChromeDriver) browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
		element.click();
	}

	@Test
	void staffReadsTheInsightsInEnglishAndJapaneseAndOpensTheEntriesBehindATheme() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.STAFF, TestUsers.PASSWORD);
			browser.go("/insights/drivers?" + segmentQuery());
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Insights");
			assertThat(browser.text(By.id("drivers-reading")))
				.startsWith("Consistency matters most to your " + fixtures.segment() + " customers");
			assertThat(browser.text(By.cssSelector("#drivers-table tbody tr:first-child"))).contains("Consistency");
			browser.screenshot("insights-drivers-en");

			click(browser, By.id("tab-themes"));
			assertThat(browser.currentPath()).isEqualTo("/insights/themes");
			WebElement top = browser.find(By.cssSelector("#negative-themes .theme-term"));
			assertThat(top.getText()).isEqualTo("配送が遅れ");
			String count = browser.text(By.cssSelector("#negative-themes .theme-count"));
			browser.screenshot("insights-themes-en");
			click(browser, By.cssSelector("#negative-themes .theme-term"));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("result-count")));
			assertThat(browser.currentPath()).isEqualTo("/feedback");
			assertThat(browser.text(By.id("result-count"))).contains(count);

			browser.go("/insights/consistency?" + segmentQuery());
			assertThat(browser.text(By.cssSelector("#segment-spreads .out-of-line"))).startsWith("Phone");
			browser.screenshot("insights-consistency-en");

			click(browser, By.cssSelector("a[hreflang=ja]"));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ja"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("インサイト");
			assertThat(browser.text(By.cssSelector("#segment-spreads .out-of-line"))).startsWith("電話");
			browser.go("/insights/drivers?" + segmentQuery());
			assertThat(browser.text(By.id("drivers-reading"))).contains("にとって最も重要なのは一貫性");
			browser.screenshot("insights-drivers-ja");
			browser.go("/insights/warnings?" + segmentQuery());
			assertThat(browser.text(By.id("no-warnings"))).isEqualTo("この期間の警告はありません。");
		}
	}

}
