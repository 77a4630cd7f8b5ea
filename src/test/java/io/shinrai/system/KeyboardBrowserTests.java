package io.shinrai.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages by keyboard alone, at a desktop's and a phone's width: the first Tab
 * reaches the skip link, which leads into the main content; every stop of the Tab walk
 * shows where the focus is; every control of the page is a stop; the admin menu and the
 * filter folds open with Enter and Space.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyboardBrowserTests {

	/** More stops than any walked page has: a walk that gets this long is stuck. */
	private static final int MAX_STOPS = 400;

	/** The pages walked, by a name for the messages and a path. */
	private static final Map<String, String> PAGES = Map.of("dashboard", "/", "customers", "/customers", "customer",
			"/customers/{customer}", "log feedback", "/feedback/new", "import", "/import", "recovery board",
			"/recovery");

	@LocalServerPort
	private int port;

	@Autowired
	private CustomerDirectory customers;

	private long customer;

	@BeforeAll
	void aCustomer() {
		String reference = "K-" + UUID.randomUUID().toString().substring(0, 8);
		customer = customers
			.create(new CustomerDetails(reference, "Keyboard & Co " + reference, "Keys", "keys@example.com", "en"),
					TestUsers.MANAGER)
			.getId();
	}

	@ParameterizedTest(name = "{0} px")
	@ValueSource(ints = { 1366, 390 })
	void everyControlOfTheMainPagesIsReachedByTabWithVisibleFocus(int width) {
		try (Browser browser = signedIn(width)) {
			List<String> problems = new ArrayList<>();
			PAGES.forEach((name, path) -> {
				browser.go(path.replace("{customer}", String.valueOf(customer)));
				problems.addAll(walk(browser, name + " at " + width + " px"));
			});
			assertThat(problems).as("keyboard problems").isEmpty();
		}
	}

	@ParameterizedTest(name = "{0} px")
	@ValueSource(ints = { 1366, 390 })
	void theSkipLinkLeadsIntoTheMainContent(int width) {
		try (Browser browser = signedIn(width)) {
			browser.go("/customers");
			WebElement skip = tab(browser);
			assertThat(skip.getAttribute("href")).endsWith("#main");
			assertThat(skip.isDisplayed()).as("the skip link shows when focused").isTrue();
			press(browser, Keys.ENTER);
			WebElement next = tab(browser);
			assertThat(insideMain(browser, next)).as("the first stop after the skip link is in the main content")
				.isTrue();
		}
	}

	@ParameterizedTest(name = "{0} px")
	@ValueSource(ints = { 1366, 390 })
	void theAdminMenuOpensAndClosesByKeyboard(int width) {
		try (Browser browser = signedIn(width)) {
			browser.go("/");
			WebElement summary = browser.find(By.cssSelector("#nav-admin > summary"));
			if (!summary.isDisplayed()) {
				// a phone: the navigation sits behind its menu button
				tabTo(browser, By.cssSelector(".navbar-toggler"));
				press(browser, Keys.ENTER);
				browser.find(By.cssSelector("#mainNav.show"));
			}
			tabTo(browser, By.cssSelector("#nav-admin > summary"));
			press(browser, Keys.ENTER);
			assertThat(browser.find(By.id("nav-admin")).getAttribute("open")).isNotNull();
			WebElement first = tab(browser);
			assertThat(first.getAttribute("id")).isEqualTo("nav-users");
			press(browser, Keys.ESCAPE);
			assertThat(browser.find(By.id("nav-admin")).getAttribute("open")).isNull();
			assertThat(active(browser).getTagName()).isEqualTo("summary");
			press(browser, Keys.SPACE);
			assertThat(browser.find(By.id("nav-admin")).getAttribute("open")).isNotNull();
			tab(browser);
			press(browser, Keys.ENTER);
			new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
				.until(ExpectedConditions.urlContains("/admin/users"));
			assertThat(browser.currentPath()).isEqualTo("/admin/users");
		}
	}

	@Test
	void aFoldedFilterOpensByKeyboardOnAPhone() {
		try (Browser browser = signedIn(390)) {
			browser.go("/customers");
			WebElement fold = browser.find(By.cssSelector("details.filter-fold"));
			assertThat(fold.getAttribute("open")).as("folded on a phone").isNull();
			tabTo(browser, By.cssSelector("details.filter-fold > summary"));
			press(browser, Keys.ENTER);
			assertThat(fold.getAttribute("open")).isNotNull();
			assertThat(tab(browser).getAttribute("id")).isEqualTo("q");
		}
	}

	/** A browser of the given width, signed in as an admin. */
	private Browser signedIn(int width) {
		Browser browser = Browser.open(port);
		browser.resize(width, 900);
		browser.go("/login?lang=en").signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
		return browser;
	}

	/**
	 * Tabs through the page from its top until the focus leaves it; the problems found: a
	 * stop without a visible focus indicator, a control never reached.
	 */
	private List<String> walk(Browser browser, String where) {
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		js.executeScript("document.activeElement.blur(); window.scrollTo(0, 0)");
		List<String> problems = new ArrayList<>();
		Set<Object> reached = new LinkedHashSet<>();
		WebElement previous = null;
		for (int stop = 0; stop < MAX_STOPS; stop++) {
			WebElement focused = tab(browser);
			if (focused.equals(previous)) {
				// the next part of the same control (a date field's day after its month)
				continue;
			}
			previous = focused;
			if ("body".equals(focused.getTagName()) || !reached.add(focused)) {
				break;
			}
			Object invisible = js.executeScript("""
					const e = arguments[0];
					const s = getComputedStyle(e);
					const rect = e.getBoundingClientRect();
					if (rect.width === 0 || rect.height === 0) {
						return 'has no size';
					}
					const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
					return outline || s.boxShadow !== 'none' ? '' : 'shows no focus';""", focused);
			if (!invisible.toString().isEmpty()) {
				problems.add(where + ": " + describe(js, focused) + " " + invisible);
			}
		}
		@SuppressWarnings("unchecked")
		List<WebElement> controls = (List<WebElement>) js.executeScript(
				"""
						return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')]
							.filter(e => e.type !== 'hidden' && !e.disabled && e.getClientRects().length > 0
								&& getComputedStyle(e).visibility !== 'hidden' && e.tabIndex >= 0)
							// a folded disclosure shows only its summary
							.filter(e => {
								const folded = e.closest('details:not([open])');
								return !folded || (e.tagName === 'SUMMARY' && e.parentElement === folded
									&& !folded.parentElement.closest('details:not([open])'));
							})
							// one stop for a group of radio buttons
							.filter(e => e.type !== 'radio' || e.checked
								|| !document.querySelector('input[type=radio][name="' + e.name + '"]:checked'))
							.filter((e, i, all) => e.type !== 'radio' || e.checked
								|| all.findIndex(o => o.type === 'radio' && o.name === e.name) === i);""");
		for (WebElement control : controls) {
			if (!reached.contains(control)) {
				problems.add(where + ": " + describe(js, control) + " is never reached by Tab");
			}
		}
		return problems;
	}

	private static String describe(JavascriptExecutor js, WebElement element) {
		return String.valueOf(js
			.executeScript("const e = arguments[0]; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
					+ " + (e.name ? '[name=' + e.name + ']' : '') + ' \"' + (e.textContent || e.value || '').trim().slice(0, 30) + '\"'",
					element));
	}

	private static WebElement tab(Browser browser) {
		press(browser, Keys.TAB);
		return active(browser);
	}

	/** Presses a key where the focus is, as a keyboard does. */
	private static void press(Browser browser, Keys key) {
		new Actions(browser.driver()).sendKeys(key).perform();
	}

	/** Tabs until the element is focused (it must be a stop of the walk). */
	private static WebElement tabTo(Browser browser, By target) {
		WebElement wanted = browser.find(target);
		for (int stop = 0; stop < MAX_STOPS; stop++) {
			if (tab(browser).equals(wanted)) {
				return wanted;
			}
		}
		throw new AssertionError(target + " is never reached by Tab");
	}

	private static WebElement active(Browser browser) {
		return browser.driver().switchTo().activeElement();
	}

	private static boolean insideMain(Browser browser, WebElement element) {
		return (Boolean) ((JavascriptExecutor) browser.driver())
			.executeScript("return arguments[0].closest('main') !== null", element);
	}

}
