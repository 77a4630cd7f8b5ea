package io.shinrai.account;

import java.time.Duration;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signs in through the company's OpenID Connect provider in Chromium, and one
 * with no role is refused.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SingleSignOnBrowserTests extends SingleSignOnTest {

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccounts accounts;

	@Test
	void signsInThroughTheProviderAndLandsOnTheDashboard() {
		String subject = "haruto-" + System.nanoTime();
		try (Browser browser = Browser.open(port)) {
			browser.go("/login");
			signInAtProvider(browser, subject, """
					{"preferred_username": "%s", "name": "Haruto Sato", "groups": ["shinrai-admins"]}"""
				.formatted(subject));
			assertThat(browser.currentPath()).isEqualTo("/");
			assertThat(browser.pageSource()).contains("Haruto Sato");
			// an admin page, as the claim made this user an admin
			browser.go("/admin/users");
			assertThat(browser.text(By.id("user-" + subject))).contains("Single sign-on");
		}
		assertThat(accounts.find(subject).orElseThrow().getRole()).isEqualTo(Role.ADMIN);
	}

	@Test
	void aPersonWithoutARoleSeesWhyOnTheSignInPage() {
		String subject = "sora-" + System.nanoTime();
		try (Browser browser = Browser.open(port)) {
			browser.go("/login");
			signInAtProvider(browser, subject, """
					{"preferred_username": "%s", "groups": ["sales"]}""".formatted(subject));
			assertThat(browser.currentPath()).isEqualTo("/login");
			assertThat(browser.text(By.id("sso-refused"))).contains("gives you no role in Shinrai");
			browser.screenshot("sso-no-role");
		}
		assertThat(accounts.find(subject)).isEmpty();
	}

	/**
	 * Clicks the provider's button, fills in the provider's sign-in page and waits until
	 * the app answers.
	 */
	private void signInAtProvider(Browser browser, String subject, String claims) {
		browser.clickAndWaitForPage(By.id("sso-" + OidcTestProvider.REGISTRATION));
		assertThat(browser.driver().getCurrentUrl()).startsWith(OidcTestProvider.issuer());
		browser.type(By.name("username"), subject);
		browser.type(By.name("claims"), claims);
		browser.click(By.cssSelector("input[type=submit]"));
		new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
			.until(ExpectedConditions.urlContains("localhost:" + port + "/"));
		new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
			.until(driver -> !driver.getCurrentUrl().contains("/login/oauth2/code/"));
	}

}
