package io.shinrai.privacy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.csv.FeedbackImports;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin exports a customer's personal data from the customer page, erases it with the
 * typed confirmation, and then finds none of it on the customer page, the feedback list,
 * the dashboard, the recovery board or the audit log.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PrivacyBrowserTests {

	@LocalServerPort
	private int port;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private CustomerDirectory customers;

	@TempDir
	private Path directory;

	/**
	 * The erase button is at the foot of the form: brought into view first, or the footer
	 * takes the click.
	 */
	private static void submit(Browser browser) {
		browser.find(By.id("confirm-erasure"));
		browser.clickAndWaitForPage(By.id("confirm-erasure"));
	}

	@Test
	void exportThenEraseFromTheCustomerPage() {
		PrivacyFixtures fixture = new PrivacyFixtures();
		long id = fixture.store(imports, feedback, directory, TestUsers.MANAGER);
		Customer customer = customers.get(id);
		customers.update(id, new CustomerDetails(fixture.reference, fixture.name, fixture.segment, fixture.email, "en"),
				customer.getVersion(), TestUsers.MANAGER);

		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD).go("/customers/" + id);
			assertThat(browser.text(By.tagName("h1"))).isEqualTo(fixture.name);
			String exportPath = browser.find(By.id("export-personal-data")).getAttribute("href");
			String export = (String) ((JavascriptExecutor) browser.driver()).executeAsyncScript(
					"fetch(arguments[0]).then(r => r.text()).then(arguments[arguments.length - 1])", exportPath);
			assertThat(export).contains(fixture.name, fixture.email, fixture.japaneseComment, fixture.correctedComment);
			browser.screenshot("privacy-customer-before-erasure");

			browser.clickAndWaitForPage(By.id("erase-customer"));
			browser.type(By.id("confirmation"), "not the reference")
				.type(By.id("reason"), "Request of the customer received on 2026-05-01");
			submit(browser);
			assertThat(browser.text(By.id("error-summary"))).contains("Type the customer reference exactly");
			assertThat(customers.get(id).isErased()).isFalse();

			browser.type(By.id("confirmation"), fixture.reference);
			submit(browser);
			assertThat(browser.currentPath()).isEqualTo("/customers/" + id);
			assertThat(browser.text(By.tagName("h1"))).isEqualTo("Erased customer " + id);
			assertThat(browser.find(By.id("customer-erased")).isDisplayed()).isTrue();
			browser.screenshot("privacy-customer-after-erasure");

			List<String> erased = fixture.personalStrings();
			for (String page : List.of("/customers/" + id, "/feedback", "/feedback?customer=erased-" + id, "/",
					"/recovery", "/admin/audit", "/customers?q=" + fixture.tag)) {
				browser.go(page);
				String source = browser.pageSource();
				for (String value : erased) {
					assertThat(source).as(page + " shows " + value).doesNotContain(value);
				}
			}
			browser.go("/admin/audit");
			// the audit log names the subject in words: "Customer erased-<id>"
			assertThat(browser.pageSource()).contains("Customer erased-" + id);
			browser.screenshot("privacy-audit-after-erasure");
		}
	}

}
