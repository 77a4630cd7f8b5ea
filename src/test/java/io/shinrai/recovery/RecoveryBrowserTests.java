package io.shinrai.recovery;

import java.time.Duration;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RecoveryBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryCases recoveryCases;

	@Test
	void aManagerTakesACaseFromOpenToClosedThroughThePages() {
		RecoveryFixtures fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.STAFF);
		long caseId = recoveryCases.ofCustomer(customer).get(0).id();

		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.clickAndWaitForPage(By.id("nav-recovery"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Recovery");
			browser.go("/recovery?customer=" + customer);
			assertThat(browser.text(By.id("recovery-cases"))).contains("#" + caseId)
				.contains("Open")
				.contains("Unassigned");
			browser.screenshot("recovery-board-en");

			browser.clickAndWaitForPage(By.linkText("#" + caseId));
			assertThat(browser.currentPath()).isEqualTo("/recovery/" + caseId);
			assertThat(browser.text(By.id("case-status"))).isEqualTo("Open");
			assertThat(browser.text(By.id("case-owner"))).isEqualTo("Unassigned");
			browser.screenshot("recovery-case-open-en");

			browser.type(By.id("text"), "Called the customer and apologised.\nA replacement ships tomorrow.");
			browser.clickAndWaitForPage(By.id("note-submit"));
			waitForText(browser, By.cssSelector(".alert-success"), "The note has been saved.");
			assertThat(browser.text(By.id("case-notes"))).contains("Called the customer and apologised.")
				.contains("Test Manager");

			new Select(browser.find(By.id("owner"))).selectByValue(TestUsers.MANAGER);
			browser.clickAndWaitForPage(By.id("owner-submit"));
			waitForText(browser, By.cssSelector(".alert-success"), "The owner has been changed.");
			assertThat(browser.text(By.id("case-owner"))).isEqualTo("Test Manager");

			browser.clickAndWaitForPage(By.id("action-acknowledge"));
			waitForText(browser, By.id("case-status"), "Acknowledged");
			browser.screenshot("recovery-case-acknowledged-en");
			browser.clickAndWaitForPage(By.id("action-resolve"));
			waitForText(browser, By.id("case-status"), "Resolved");
			browser.clickAndWaitForPage(By.id("action-close"));
			waitForText(browser, By.id("case-status"), "Closed");
			assertThat(browser.text(By.id("case-actions"))).contains("This case is closed.");
			assertThat(browser.driver().findElements(By.cssSelector("#case-actions button"))).isEmpty();
			browser.screenshot("recovery-case-closed-en");

			browser.clickAndWaitForPage(By.cssSelector("a[hreflang=ja]"));
			waitForText(browser, By.id("case-status"), "完了");
			assertThat(browser.text(By.cssSelector("main h1"))).contains("信頼回復ケース #" + caseId);
			browser.screenshot("recovery-case-closed-ja");
			browser.go("/recovery?lang=en");
		}

		CaseDetails closed = recoveryCases.details(caseId);
		assertThat(closed.status()).isEqualTo(RecoveryStatus.CLOSED);
		assertThat(closed.owner()).isEqualTo(TestUsers.MANAGER);
		assertThat(closed.closedAt()).isNotNull();
	}

	@Test
	void theSecondOfTwoManagersIsRefusedAndKeepsTheirNote() {
		RecoveryFixtures fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		long caseId = recoveryCases.ofCustomer(customer).get(0).id();

		try (Browser first = Browser.open(port); Browser second = Browser.open(port)) {
			first.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD).go("/recovery/" + caseId);
			second.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD).go("/recovery/" + caseId);

			first.clickAndWaitForPage(By.id("action-acknowledge"));
			waitForText(first, By.id("case-status"), "Acknowledged");
			second.type(By.id("text"), "Offered a voucher on the phone.");
			second.clickAndWaitForPage(By.id("note-submit"));

			waitForText(second, By.cssSelector("#note-form .alert-danger"), "Someone else changed this case");
			assertThat(second.text(By.id("case-status"))).isEqualTo("Acknowledged");
			assertThat(second.find(By.id("text")).getDomProperty("value")).isEqualTo("Offered a voucher on the phone.");
			second.screenshot("recovery-case-conflict-en");

			// sending it again saves it on top of the other manager's change
			second.clickAndWaitForPage(By.id("note-submit"));
			waitForText(second, By.cssSelector(".alert-success"), "The note has been saved.");
			assertThat(second.text(By.id("case-notes"))).contains("Offered a voucher on the phone.");
		}
	}

	private static void waitForText(Browser browser, By target, String text) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
			.until(ExpectedConditions.textToBePresentInElementLocated(target, text));
	}

}
