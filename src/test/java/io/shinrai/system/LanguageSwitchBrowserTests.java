package io.shinrai.system;

import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Switching the language on a page that answers a form post keeps the page and what was
 * typed.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LanguageSwitchBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void aFailedFeedbackFormIsShownAgainInTheOtherLanguageWithEverythingTyped() {
		String ref = "T-" + UUID.randomUUID();
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.go("/feedback/new");
			browser.type(By.id("customerRef"), ref);
			browser.type(By.id("nps"), "12");
			browser.type(By.id("comment"), "配送が遅れた。Nobody called.");
			browser.clickAndWaitForPage(By.cssSelector("form.feedback-form button[type=submit]"));
			assertThat(browser.text(By.id("nps-error"))).isEqualTo("NPS must be a whole number from 0 to 10.");
			assertThat(browser.find(By.cssSelector(":focus")).getAttribute("id")).as("focus after a failed submit")
				.isEqualTo("error-summary");

			browser.clickAndWaitForPage(By.cssSelector("a[hreflang=ja]"));
			assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("フィードバックを記録");
			assertThat(browser.find(By.id("customerRef")).getDomProperty("value")).isEqualTo(ref);
			assertThat(browser.find(By.id("comment")).getDomProperty("value")).isEqualTo("配送が遅れた。Nobody called.");
			assertThat(browser.text(By.id("nps-error"))).doesNotContain("NPS must");
			assertThat(browser.pageSource()).doesNotContain("Whitelabel");
		}
	}

	@Test
	void aPolicyPreviewStaysAPreviewInTheOtherLanguage() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			browser.go("/admin/policy");
			browser.clickAndWaitForPage(By.id("policy-preview-button"));
			assertThat(browser.find(By.id("policy-preview")).isDisplayed()).isTrue();

			browser.clickAndWaitForPage(By.cssSelector("a[hreflang=ja]"));
			assertThat(browser.find(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
			assertThat(browser.find(By.id("policy-preview")).isDisplayed()).isTrue();
			assertThat(browser.pageSource()).doesNotContain("Whitelabel");
		}
	}

	@Test
	void anAddressThatOnlyAnswersFormsGetsALocalisedPageInsteadOfAWhitelabelOne() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=ja").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			browser.go("/admin/policy/preview");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("この方法ではこのページを開けません");
			browser.go("/admin/policy/preview?lang=en");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("This page cannot be opened this way");
			assertThat(browser.pageSource()).doesNotContain("Whitelabel").doesNotContain("Exception");
		}
	}

}
