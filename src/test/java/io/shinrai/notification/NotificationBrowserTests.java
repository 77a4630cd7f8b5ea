package io.shinrai.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class NotificationBrowserTests {

	private static final String PASSWORD = "browser-password-1";

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private Notifications notifications;

	@Autowired
	private WebhookDeliveries deliveries;

	@Autowired
	private WebhookEndpoints endpoints;

	@Test
	void theBellCountsUnreadNotificationsAndEachOpensItsPage() {
		String admin = admin();
		notifications.add(admin,
				new Notice("case.overdue.many", "browser:" + UUID.randomUUID(), List.of(), "/recovery?tab=overdue", 3),
				Instant.now());
		notifications.add(admin,
				new Notice("case.opened", "browser:" + UUID.randomUUID(), List.of("Northwind"), "/customers", 1),
				Instant.now().plusSeconds(1));
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(admin, PASSWORD);
			assertThat(browser.text(By.id("bell-count"))).isEqualTo("2");
			assertThat(browser.find(By.id("bell")).getAttribute("aria-label")).isEqualTo("Notifications, 2 unread");
			browser.screenshot("notifications-bell");

			navigate(browser, By.id("bell"));
			assertThat(browser.currentPath()).isEqualTo("/notifications");
			assertThat(browser.driver().findElements(By.cssSelector(".notification-link")))
				.extracting(element -> element.getText())
				.containsExactly("New recovery case for Northwind", "3 recovery cases became overdue");
			browser.screenshot("notifications-page");

			navigate(browser, By.cssSelector(".notification-link"));
			assertThat(browser.currentPath()).isEqualTo("/customers");
			assertThat(browser.text(By.id("bell-count"))).isEqualTo("1");

			browser.go("/notifications");
			navigate(browser, By.id("mark-all-read"));
			assertThat(browser.driver().findElements(By.id("bell-count"))).isEmpty();

			browser.go("/profile?lang=ja");
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("プロフィール");
			browser.type(By.id("email"), "not an address");
			navigate(browser, By.id("profile-save"));
			assertThat(browser.text(By.cssSelector("#profile-form .alert-danger"))).contains("メールアドレス");
			browser.type(By.id("email"), admin + "@example.test");
			navigate(browser, By.id("profile-save"));
			assertThat(browser.text(By.cssSelector(".alert-success"))).isEqualTo("プロフィールを保存しました。");
			assertThat(accounts.find(admin).orElseThrow().getEmail()).isEqualTo(admin + "@example.test");
		}
	}

	@Test
	void anAdminAddsAWebhookSendsATestEventAndReadsTheDeliveryLog() throws IOException {
		String admin = admin();
		try (MockWebServer receiver = new MockWebServer(); Browser browser = Browser.open(port)) {
			receiver.start(InetAddress.getLoopbackAddress(), 0);
			receiver.enqueue(new MockResponse.Builder().code(204).build());
			browser.go("/login?lang=en").signIn(admin, PASSWORD);
			browser.navigate("nav-webhooks");
			assertThat(browser.text(By.id("mail-status"))).startsWith("No mail server is configured");

			navigate(browser, By.id("webhook-create"));
			assertThat(browser.text(By.cssSelector("#webhook-form .alert-danger")))
				.contains("Enter the URL of the receiver.");

			String url = receiver.url("/shinrai").toString();
			browser.type(By.id("url"), url);
			click(browser, By.cssSelector("input[name=events][value='case.opened']"));
			click(browser, By.cssSelector("input[name=events][value='trust.dropped']"));
			navigate(browser, By.id("webhook-create"));
			assertThat(browser.text(By.id("webhook-url"))).isEqualTo(url);
			assertThat(browser.text(By.id("webhook-secret"))).startsWith("whsec_");
			assertThat(browser.text(By.id("no-attempts"))).isEqualTo("Nothing delivered yet.");

			navigate(browser, By.id("webhook-test"));
			deliveries.deliverDue();
			browser.go(browser.currentPath());
			assertThat(browser.text(By.id("delivery-log"))).contains("webhook.test").contains("204");
			browser.screenshot("webhook-delivery-log");

			long id = Long.parseLong(browser.currentPath().substring("/admin/webhooks/".length()));
			navigate(browser, By.id("webhook-delete"));
			assertThat(browser.currentPath()).isEqualTo("/admin/webhooks");
			assertThat(endpoints.find(id)).isEmpty();
		}
	}

	/** Brought to the middle of the window at once first: Bootstrap scrolls smoothly. */
	private static void click(Browser browser, By target) {
		scrollTo(browser, target);
		browser.click(target);
	}

	private static void navigate(Browser browser, By target) {
		scrollTo(browser, target);
		browser.clickAndWaitForPage(target);
	}

	private static void scrollTo(Browser browser, By target) {
		((JavascriptExecutor) browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", browser.find(target));
	}

	private String admin() {
		String username = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		accounts.create(username, "Browser " + username, PASSWORD, Role.ADMIN);
		return username;
	}

}
