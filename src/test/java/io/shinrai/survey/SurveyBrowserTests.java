package io.shinrai.survey;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SurveyBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private SurveyThrottle throttle;

	@Test
	void aCustomerAnswersTheCasesLinkWithoutSigningInAndTheCaseIsConfirmed() {
		throttle.reset();
		SurveyFixtures fixtures = new SurveyFixtures(customers, feedback, cases);
		Customer customer = fixtures.customer("ja");
		CaseSummary resolved = fixtures.resolvedCase(customer);

		try (Browser manager = Browser.open(port); Browser customerBrowser = Browser.open(port)) {
			manager.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD).go("/recovery/" + resolved.id());
			centre(manager, By.id("survey-link-create")).clickAndWaitForPage(By.id("survey-link-create"));
			String url = manager.find(By.id("survey-link-url")).getAttribute("value");
			assertThat(url).matches("http://localhost:8080/s/[A-Za-z0-9_-]{43}");
			String path = url.substring(url.indexOf("/s/"));
			assertThat(manager.text(By.id("survey-link-table"))).contains("Created");

			customerBrowser.go(path);
			assertThat(customerBrowser.text(By.id("survey-greeting"))).isEqualTo(customer.getName() + " 様");
			assertThat(customerBrowser.driver().manage().getCookieNamed("SESSION")).isNull();
			assertThat(customerBrowser.driver().manage().getCookieNamed("shinrai-survey-csrf")).isNotNull();
			customerBrowser.screenshot("survey-page-ja");
			// nothing chosen: the page says so and keeps the comment
			customerBrowser.type(By.id("comment"), "ありがとう");
			centre(customerBrowser, By.id("survey-submit")).clickAndWaitForPage(By.id("survey-submit"));
			assertThat(customerBrowser.text(By.id("survey-errors"))).contains("評価またはスコアを少なくとも 1 つお選びください。");
			centre(customerBrowser, By.cssSelector("label[for=quality-5]"))
				.click(By.cssSelector("label[for=quality-5]"));
			centre(customerBrowser, By.cssSelector("label[for=nps-9]")).click(By.cssSelector("label[for=nps-9]"));
			centre(customerBrowser, By.id("survey-submit")).clickAndWaitForPage(By.id("survey-submit"));
			assertThat(customerBrowser.text(By.id("survey-refused"))).isEqualTo("ご回答ありがとうございました");
			assertThat(customerBrowser.driver().manage().getCookieNamed("SESSION")).isNull();

			// opened again later: the link is used
			customerBrowser.go(path);
			assertThat(customerBrowser.text(By.id("survey-refused"))).isEqualTo("ご回答ありがとうございました");

			manager.go("/recovery/" + resolved.id());
			assertThat(manager.text(By.id("case-confirmed"))).isEqualTo("Confirmed by the customer");
			assertThat(manager.text(By.id("case-answers"))).contains("Not negative");
			assertThat(manager.text(By.id("survey-link-table"))).contains("Answered");
			manager.screenshot("survey-case-confirmed");

			customerBrowser.go("/s/" + "x".repeat(43));
			assertThat(customerBrowser.text(By.id("survey-refused"))).isEqualTo("This link does not work");
		}
		assertThat(cases.details(resolved.id()).answers()).hasSize(1);
	}

	/**
	 * Scrolls the element to the middle of the window at once (not smoothly: the click
	 * must not land mid-scroll).
	 */
	private static Browser centre(Browser browser, By target) {
		((JavascriptExecutor) browser.driver())
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", browser.find(target));
		return browser;
	}

}
