package io.shinrai.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

	@Autowired
	private TestFeedback testFeedback;

	@LocalServerPort
	private int port;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ApplicationEventPublisher events;

	private String segment;

	/**
	 * A few customers of one segment with feedback over the last months, so the dashboard
	 * has something to show.
	 */
	@BeforeEach
	void someFeedback() {
		TestFeedback fixtures = testFeedback;
		segment = "Browser " + TestFeedback.uniqueSegment().substring(2, 10);
		Instant now = Instant.now();
		long tanaka = fixtures.customer(segment, "株式会社田中商事");
		long carter = fixtures.customer(segment, "Carter & King Ltd");
		long yamada = fixtures.customer(segment, "山田 太郎");
		for (int week = 1; week < 50; week += 3) {
			Instant at = now.minus(Duration.ofDays(7L * week));
			fixtures.entry(tanaka, at)
				.channel(Channel.SURVEY)
				.rating(Signal.QUALITY, 4 + week % 2)
				.rating(Signal.TRANSPARENCY, 2 + week % 3)
				.nps(7 + week % 4)
				.csat(4)
				.ces(5)
				.save();
			fixtures.entry(carter, at.plus(Duration.ofHours(5)))
				.channel(Channel.EMAIL)
				.rating(Signal.COMMUNICATION, 3 + week % 3)
				.rating(Signal.VALUES, 4)
				.save();
		}
		fixtures.entry(yamada, now.minus(Duration.ofDays(4)))
			.channel(Channel.PHONE)
			.rating(Signal.CONSISTENCY, 1)
			.incident("BROKEN_PROMISE")
			.nps(2)
			.save();
		fixtures.entry(yamada, now.minus(Duration.ofDays(9)))
			.channel(Channel.PHONE)
			.rating(Signal.CONSISTENCY, 2)
			.incident("INCONSISTENT_SERVICE")
			.csat(2)
			.save();
	}

	private String segmentQuery() {
		return "segment=" + UriUtils.encodeQueryParam(segment, java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void staffReadsTheDashboardInEnglishAndJapanese() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.STAFF, TestUsers.PASSWORD);
			browser.go("/?" + segmentQuery());
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Dashboard");
			assertThat(browser.text(By.id("trust-value"))).matches("\\d{1,3}\\.\\d");
			assertThat(browser.text(By.cssSelector("#signals-panel tr.weakest"))).contains("Weakest");
			assertThat(browser.text(By.id("at-risk-count"))).isEqualTo("At risk: 1");
			assertThat(browser.text(By.id("incidents-panel"))).contains("Broken promise");
			WebElement chart = browser.find(By.cssSelector("svg.trend-chart"));
			assertThat(chart.getSize().getHeight()).isGreaterThan(150);
			assertThat(browser.driver().findElements(By.cssSelector("svg.trend-chart .series-trust circle")))
				.hasSizeGreaterThan(10);
			browser.screenshot("dashboard-data-en");

			// the text alternative is folded away and opens without JavaScript
			WebElement table = browser.find(By.cssSelector("#trend-data table"));
			assertThat(table.isDisplayed()).isFalse();
			browser.clickInView(By.cssSelector("#trend-data summary"));
			assertThat(table.isDisplayed()).isTrue();
			assertThat(browser.text(By.cssSelector("#trend-data thead"))).contains("Week ending");

			browser.clickInView(By.cssSelector("a[hreflang=ja]"));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ja"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("ダッシュボード");
			assertThat(browser.text(By.cssSelector("#signals-panel tr.weakest"))).contains("最も弱い");
			assertThat(browser.text(By.id("at-risk-count"))).isEqualTo("離反リスク：1");
			assertThat(browser.currentPath()).isEqualTo("/");
			assertThat(browser.driver().getCurrentUrl()).contains("segment=");
			browser.screenshot("dashboard-data-ja");
		}
	}

	@Test
	void printsWithoutNavigationAndFilters() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.STAFF, TestUsers.PASSWORD);
			browser.go("/?" + segmentQuery());
			((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
			assertThat(browser.find(By.cssSelector("header nav")).isDisplayed()).isFalse();
			assertThat(browser.find(By.id("dashboard-filters")).isDisplayed()).isFalse();
			assertThat(browser.find(By.cssSelector("svg.trend-chart")).isDisplayed()).isTrue();
			// Selenium calls anything in a closed <details> hidden; the print rules open
			// it, so measure instead
			Object height = ((ChromeDriver) browser.driver())
				.executeScript("return document.querySelector('#trend-data table').getBoundingClientRect().height");
			assertThat(((Number) height).doubleValue()).isGreaterThan(100);
			browser.screenshot("dashboard-print-en");
		}
	}

	@Test
	void keepsTheFiltersInTheAddressWhenApplied() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.go("/?" + segmentQuery());
			new Select(browser.find(By.id("period"))).selectByValue("365");
			new Select(browser.find(By.id("channel"))).selectByValue("PHONE");
			browser.clickInView(By.cssSelector("#dashboard-filters button[type=submit]"));
			new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
				.until(ExpectedConditions.urlContains("period=365"));
			assertThat(browser.driver().getCurrentUrl()).contains("period=365")
				.contains("channel=PHONE")
				.contains("segment=");
			assertThat(browser.text(By.id("breakdown-channel"))).contains("Phone").doesNotContain("E-mail");
			browser.screenshot("dashboard-filtered-en");
		}
	}

	@Test
	void explainsHowToStartWhenTheChosenScopeHasNoFeedback() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.go("/?segment=" + TestFeedback.uniqueSegment());
			assertThat(browser.text(By.id("empty-state"))).contains("Log feedback").contains("Import a CSV file");
			assertThat(browser.driver().findElements(By.id("trust-panel"))).isEmpty();
			browser.screenshot("dashboard-empty-en");
		}
	}

}
