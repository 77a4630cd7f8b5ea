package io.shinrai.system;

import java.time.LocalDate;
import java.util.List;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LayoutBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void adminSignsInSeesTheDashboardSwitchesToJapaneseAndSignsOut() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			assertThat(browser.currentPath()).isEqualTo("/");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Dashboard");
			assertThat(browser.text(By.id("current-user"))).contains("Admin");
			browser.screenshot("dashboard-en");

			browser.click(By.cssSelector("a[hreflang=ja]"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("ダッシュボード");
			assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
			browser.screenshot("dashboard-ja");

			browser.signOut();
			assertThat(browser.currentPath()).startsWith("/login");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("ログイン");
			browser.screenshot("signed-out-ja");

		}
		// the language is remembered for the user: a browser that never chose one gets
		// Japanese after sign-in
		try (Browser other = Browser.open(port)) {
			other.signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			assertThat(other.text(By.cssSelector("main h1"))).isEqualTo("ダッシュボード");
			other.click(By.cssSelector("a[hreflang=en]"));
			assertThat(other.text(By.cssSelector("main h1"))).isEqualTo("Dashboard");
		}
	}

	/**
	 * The admin's navigation, the longest, fits on one row of a laptop's window in both
	 * languages: nothing runs off the right edge (the sign-out button stays in view) and
	 * the page does not scroll sideways; below that the navigation collapses.
	 */
	@Test
	void theAdminNavigationFitsEveryLaptopWidthInBothLanguages() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			JavascriptExecutor js = (JavascriptExecutor) browser.driver();
			for (String language : List.of("en", "ja")) {
				browser.go("/?lang=" + language);
				for (int width : List.of(1200, 1280, 1366, 1440)) {
					browser.resize(width, 900);
					String where = language + " at " + width + " px";
					assertThat(browser.find(By.id("logout")).isDisplayed()).as("sign-out shown, %s", where).isTrue();
					double right = ((Number) js
						.executeScript("return document.getElementById('logout').getBoundingClientRect().right"))
						.doubleValue();
					long window = ((Number) js.executeScript("return document.documentElement.clientWidth"))
						.longValue();
					long page = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
					assertThat(right).as("right edge of sign-out, %s", where).isLessThanOrEqualTo(window);
					assertThat(page).as("page width, %s", where).isLessThanOrEqualTo(window);
					double top = ((Number) js
						.executeScript("return document.getElementById('logout').getBoundingClientRect().top"))
						.doubleValue();
					double brandTop = ((Number) js
						.executeScript("return document.querySelector('.navbar-brand').getBoundingClientRect().top"))
						.doubleValue();
					assertThat(top - brandTop).as("one row, %s", where).isLessThan(20);
				}
				browser.resize(1100, 900);
				assertThat(browser.find(By.cssSelector(".navbar-toggler")).isDisplayed())
					.as("collapsed below a laptop's width, %s", language)
					.isTrue();
				browser.resize(1280, 900);
				browser.screenshot("navigation-1280-" + language);
			}
		}
	}

	@Test
	void onAPhoneAFilterFoldStaysOpenAndSaysHowManyFiltersAreSet() {
		try (Browser browser = Browser.open(port)) {
			browser.resize(390, 900);
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			By fold = By.cssSelector("details.filter-fold");
			By summary = By.cssSelector("details.filter-fold > summary");

			browser.go("/customers?lang=en");
			assertThat(browser.find(fold).getAttribute("open")).as("nothing set: folded").isNull();
			assertThat(browser.text(summary)).isEqualTo("Filters");

			// the sort order narrows nothing
			browser.go("/customers?status=AT_RISK&band=LOW&sort=NAME");
			assertThat(browser.find(fold).getAttribute("open")).as("filters set: open").isNotNull();
			assertThat(browser.text(summary)).isEqualTo("Filters (2 set)");
			browser.screenshot("phone-filters-set-en");

			// the insight pages' period is a filter only when it is not the default one
			browser.go("/insights/drivers");
			assertThat(browser.find(fold).getAttribute("open")).isNull();
			browser.go("/insights/drivers?channel=EMAIL&from=" + LocalDate.now().minusDays(10) + "&lang=ja");
			assertThat(browser.find(fold).getAttribute("open")).isNotNull();
			assertThat(browser.text(summary)).isEqualTo("絞り込み（2件を指定中）");
			browser.screenshot("phone-filters-set-ja");
		}
	}

	@Test
	void staffGetsALocalisedNotFoundPageWithoutDetails() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=ja").signIn(TestUsers.STAFF, TestUsers.PASSWORD);
			browser.go("/no-such-page");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("ページが見つかりません");
			assertThat(browser.pageSource()).doesNotContain("Exception").doesNotContain("at io.shinrai");
			browser.screenshot("not-found-ja");
		}
	}

}
