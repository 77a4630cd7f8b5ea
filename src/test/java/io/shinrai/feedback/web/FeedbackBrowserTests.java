package io.shinrai.feedback.web;

import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FeedbackBrowserTests {

	@LocalServerPort
	private int port;

	/**
	 * Bootstrap scrolls smoothly, so an element below the fold may still be moving when
	 * Selenium clicks it: bring it to the middle at once first.
	 */
	private static void click(Browser browser, By target) {
		scrollTo(browser, target);
		browser.click(target);
	}

	/**
	 * For links and submit buttons: the next read must see the new page, not the old one.
	 */
	private static void navigate(Browser browser, By target) {
		scrollTo(browser, target);
		browser.clickAndWaitForPage(target);
	}

	private static void scrollTo(Browser browser, By target) {
		((JavascriptExecutor) browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", browser.find(target));
	}

	@Test
	void managerLogsFeedbackForANewCustomerThroughTheFormAndFindsItInTheList() {
		String ref = "B-" + UUID.randomUUID().toString().substring(0, 8);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			navigate(browser, By.cssSelector("nav a[href='/feedback/new']"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Log feedback");

			// a first try without a name for the new customer and an NPS of 12
			browser.type(By.id("customerRef"), ref);
			new Select(browser.find(By.id("channel"))).selectByValue("PHONE");
			new Select(browser.find(By.id("category"))).selectByValue("DELIVERY");
			click(browser, By.cssSelector("label[for='rating-CONSISTENCY-2']"));
			browser.type(By.id("nps"), "12");
			click(browser, By.cssSelector("label[for='incident-BROKEN_PROMISE']"));
			browser.type(By.id("incidentNotes-BROKEN_PROMISE"), "Promised delivery on Monday, came on Friday");
			browser.type(By.id("comment"), "配送が遅れた。Nobody called to explain.");
			browser.screenshot("feedback-form-filled");
			navigate(browser, By.cssSelector("form.feedback-form button[type=submit]"));

			assertThat(browser.text(By.id("error-summary"))).contains("enter a name to create the customer")
				.contains("NPS must be a whole number from 0 to 10.");
			assertThat(browser.text(By.id("nps-error"))).isEqualTo("NPS must be a whole number from 0 to 10.");
			assertThat(browser.find(By.id("customerRef")).getDomProperty("value")).isEqualTo(ref);
			assertThat(browser.find(By.id("comment")).getDomProperty("value"))
				.isEqualTo("配送が遅れた。Nobody called to explain.");
			assertThat(browser.find(By.id("rating-CONSISTENCY-2")).isSelected()).isTrue();
			assertThat(browser.find(By.id("incident-BROKEN_PROMISE")).isSelected()).isTrue();
			browser.screenshot("feedback-form-errors");

			browser.type(By.id("customerName"), "Browser Test Customer");
			browser.type(By.id("nps"), "3");
			navigate(browser, By.cssSelector("form.feedback-form button[type=submit]"));

			assertThat(browser.currentPath()).matches("/feedback/\\d+");
			assertThat(browser.text(By.cssSelector(".alert-success"))).contains("Browser Test Customer");
			assertThat(browser.text(By.id("incident-list"))).contains("Broken promise")
				.contains("Promised delivery on Monday, came on Friday");
			browser.screenshot("feedback-logged");

			navigate(browser, By.cssSelector("nav a[href='/feedback']"));
			browser.type(By.id("q"), "配送");
			browser.type(By.id("customer"), ref);
			navigate(browser, By.cssSelector("form.filters button[type=submit]"));
			assertThat(browser.text(By.id("result-count"))).isEqualTo("1 entry");
			assertThat(browser.text(By.cssSelector(".feedback-table tbody"))).contains("Browser Test Customer")
				.contains("Phone")
				.contains("Broken promise");
			browser.screenshot("feedback-list");
		}
	}

	/**
	 * An incident's explanation appears when its box is ticked; one with an error stays
	 * in sight; a refused submit puts the focus on the error summary; "save and log
	 * another" comes back to a fresh form.
	 */
	@Test
	void explanationsFollowTheirIncidentAndSaveAndLogAnotherStartsAFreshForm() {
		String ref = "B-" + UUID.randomUUID().toString().substring(0, 8);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.go("/feedback/new");
			By note = By.id("incidentNotes-BROKEN_PROMISE");
			assertThat(browser.find(note).isDisplayed()).as("explanation of an unticked incident").isFalse();
			assertThat(browser.find(By.id("incidentNotes-PRODUCT_DEFECT")).isDisplayed()).isFalse();
			click(browser, By.cssSelector("label[for='incident-BROKEN_PROMISE']"));
			assertThat(browser.find(note).isDisplayed()).as("explanation of a ticked incident").isTrue();
			browser.type(note, "Promised a call back");
			// unticked again: the explanation hides, and the server refuses it
			click(browser, By.cssSelector("label[for='incident-BROKEN_PROMISE']"));
			assertThat(browser.find(note).isDisplayed()).isFalse();

			browser.type(By.id("customerRef"), ref);
			browser.type(By.id("customerName"), "Stack Of Forms");
			new Select(browser.find(By.id("channel"))).selectByValue("IN_PERSON");
			new Select(browser.find(By.id("category"))).selectByValue("DELIVERY");
			click(browser, By.cssSelector("label[for='rating-CONSISTENCY-2']"));
			navigate(browser, By.id("log-another"));

			assertThat(browser.text(By.id("error-summary"))).contains("Tick this incident to keep its explanation");
			assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("error-summary");
			assertThat(browser.find(By.id("incident-BROKEN_PROMISE")).isSelected()).isFalse();
			assertThat(browser.find(note).isDisplayed()).as("explanation with an error").isTrue();
			assertThat(browser.find(note).getDomProperty("value")).isEqualTo("Promised a call back");
			browser.screenshot("feedback-form-explanation-error");

			click(browser, By.cssSelector("label[for='incident-BROKEN_PROMISE']"));
			navigate(browser, By.id("log-another"));

			assertThat(browser.currentPath()).isEqualTo("/feedback/new");
			assertThat(browser.text(By.id("logged-entry"))).startsWith("Feedback from Stack Of Forms was logged.");
			assertThat(browser.find(By.id("customerRef")).getDomProperty("value")).isEmpty();
			assertThat(new Select(browser.find(By.id("channel"))).getFirstSelectedOption().getDomAttribute("value"))
				.isEqualTo("IN_PERSON");
			assertThat(browser.find(note).isDisplayed()).isFalse();
			browser.screenshot("feedback-form-log-another");
			String entryUrl = browser.find(By.cssSelector("#logged-entry a")).getDomAttribute("href");

			// the next form of the stack, in Japanese
			browser.go("/feedback/new?lang=ja");
			browser.type(By.id("customerRef"), ref);
			new Select(browser.find(By.id("channel"))).selectByValue("IN_PERSON");
			new Select(browser.find(By.id("category"))).selectByValue("SERVICE");
			click(browser, By.cssSelector("label[for='rating-QUALITY-5']"));
			navigate(browser, By.id("log-another"));
			assertThat(browser.text(By.id("logged-entry"))).startsWith("「Stack Of Forms」のフィードバックを記録しました。")
				.contains("記録 #");
			assertThat(browser.find(By.cssSelector("#logged-entry a")).getDomAttribute("href")).isNotEqualTo(entryUrl);

			browser.go(entryUrl);
			assertThat(browser.text(By.id("incident-list"))).contains("Promised a call back");
		}
	}

}
