package io.shinrai.account;

import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AdminPagesBrowserTests {

	@LocalServerPort
	private int port;

	/**
	 * Bootstrap scrolls smoothly, so Selenium's own scrolling may still be moving when it
	 * clicks.
	 */
	private static void click(Browser browser, By target) {
		WebElement element = browser.find(target);
		((ChromeDriver) browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
		element.click();
	}

	@Test
	void staffSeesNoAdminItemsAndIsRefusedAdminPages() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.STAFF, TestUsers.PASSWORD);
			assertThat(browser.driver().findElements(By.id("nav-users"))).isEmpty();
			assertThat(browser.driver().findElements(By.id("nav-audit"))).isEmpty();
			for (String page : new String[] { "/admin/users", "/admin/users/new", "/admin/audit" }) {
				browser.go(page);
				assertThat(browser.text(By.cssSelector("main h1"))).as(page).isEqualTo("Not allowed");
				assertThat(browser.pageSource()).doesNotContain("Exception");
			}
			browser.screenshot("admin-refused-staff-en");
		}
	}

	@Test
	void adminCreatesAUserAndFindsTheActionInTheAuditLog() {
		String username = "browser-" + UUID.randomUUID().toString().substring(0, 8);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			browser.navigate("nav-users");
			browser.click(By.id("new-user"));
			browser.type(By.id("username"), username)
				.type(By.id("displayName"), "佐藤 花子")
				.type(By.id("password"), "too short")
				.type(By.id("passwordRepeated"), "too short");
			new Select(browser.find(By.id("role"))).selectByValue("MANAGER");
			click(browser, By.cssSelector("#new-user-page form button[type=submit]"));
			assertThat(browser.text(By.id("form-errors"))).contains("The password is too short");
			assertThat(browser.find(By.id("username")).getDomProperty("value")).isEqualTo(username);
			browser.screenshot("users-new-errors-en");

			browser.type(By.id("password"), "a sufficiently long phrase")
				.type(By.id("passwordRepeated"), "a sufficiently long phrase");
			click(browser, By.cssSelector("#new-user-page form button[type=submit]"));
			assertThat(browser.text(By.cssSelector("main .alert-success")))
				.isEqualTo("User " + username + " was created.");
			assertThat(browser.text(By.id("user-" + username))).contains("佐藤 花子")
				.contains("Manager")
				.contains("Enabled");
			browser.screenshot("users-list-en");

			browser.go("/admin/audit?type=USER_CREATED&lang=ja");
			assertThat(browser.text(By.id("audit-events"))).contains(username).contains("ユーザー作成");
			browser.screenshot("audit-ja");
		}
	}

}
