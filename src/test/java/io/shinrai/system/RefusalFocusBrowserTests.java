package io.shinrai.system;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused filter or action puts the keyboard focus on its message, as a refused form
 * puts it on its error summary.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RefusalFocusBrowserTests {

	@LocalServerPort
	private int port;

	@Test
	void theFocusStartsAtTheMessageOfARefusal() {
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
			for (String url : new String[] { "/customers?page=abc", "/admin/audit?page=abc", "/import?page=abc",
					"/feedback?page=abc" }) {
				browser.go(url);
				WebElement focused = browser.driver().switchTo().activeElement();
				assertThat(focused.getText()).as(url).contains("“abc” is not a page number.");
			}
		}
	}

}
