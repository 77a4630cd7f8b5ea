package io.shinrai.system;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.account.ApiTokens;
import io.shinrai.account.TokenAccess;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.csv.FeedbackImports;
import io.shinrai.notification.WebhookEndpoints;
import io.shinrai.notification.WebhookFormat;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.survey.IssuedLink;
import io.shinrai.survey.SurveyLinks;
import nu.validator.client.EmbeddedValidator;
import nu.validator.validation.SimpleDocumentValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page of the application, as an admin with some data, in English and Japanese, at
 * 1366 px and 390 px: axe-core finds no serious or critical violation, no page is wider
 * than the window, chart labels are readable, and the Nu Html Checker finds no error in
 * the HTML the server sends. Screenshots of every page and width are saved under
 * {@code target/screenshots/pages/}.
 *
 * <p>
 * A new page is one more line in {@link #signedInPages()} (or {@link #publicPages()}); a
 * path may name the data made in {@link #someData()} as {@code {customer}},
 * {@code {case}} and so on.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EveryPageBrowserTests {

	/** The pages an admin reaches, by a name for the screenshots and a path. */
	static List<Page> signedInPages() {
		return List.of(new Page("dashboard", "/"), new Page("customers", "/customers"),
				new Page("customer", "/customers/{customer}"), new Page("customer-new", "/customers/new"),
				new Page("customer-edit", "/customers/{customer}/edit"),
				new Page("customer-erasure", "/customers/{customer}/erasure"),
				new Page("customer-transparency", "/customers/{customer}/transparency"),
				new Page("feedback", "/feedback"), new Page("feedback-entry", "/feedback/{feedback}"),
				new Page("feedback-new", "/feedback/new"), new Page("feedback-edit", "/feedback/{feedback}/edit"),
				new Page("import", "/import"), new Page("import-job", "/import/{import}"),
				new Page("recovery", "/recovery"), new Page("recovery-case", "/recovery/{case}"),
				new Page("survey-links", "/survey-links"), new Page("insights-drivers", "/insights/drivers"),
				new Page("insights-themes", "/insights/themes"),
				new Page("insights-consistency", "/insights/consistency"),
				new Page("insights-warnings", "/insights/warnings"), new Page("notifications", "/notifications"),
				new Page("profile", "/profile"), new Page("tokens", "/profile/tokens"),
				new Page("users", "/admin/users"), new Page("user-new", "/admin/users/new"),
				new Page("user", "/admin/users/{user}"), new Page("audit", "/admin/audit"),
				new Page("policy", "/admin/policy"), new Page("webhooks", "/admin/webhooks"),
				new Page("webhook", "/admin/webhooks/{webhook}"), new Page("retention", "/admin/retention"),
				new Page("backups", "/admin/backups"), new Page("merge", "/admin/merge"),
				new Page("not-found", "/no-such-page"), new Page("bad-request", "/customers/not-a-number"));
	}

	/** The pages anyone reaches without signing in. */
	static List<Page> publicPages() {
		return List.of(new Page("sign-in", "/login"), new Page("survey", "/s/{survey}"),
				new Page("survey-unknown", "/s/no-such-survey-link"));
	}

	record Page(String name, String path) {
	}

	private static final List<Integer> WIDTHS = List.of(1366, 390);

	private static final List<String> LANGUAGES = List.of("en", "ja");

	private static final Set<String> BLOCKING_IMPACTS = Set.of("serious", "critical");

	@LocalServerPort
	private int port;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private SurveyLinks surveyLinks;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private WebhookEndpoints webhooks;

	@Autowired
	private ApiTokens apiTokens;

	@Autowired
	private JdbcClient jdbc;

	/**
	 * What the paths name, by language where it differs ({@code survey} is a link in the
	 * customer's language).
	 */
	private final Map<String, Map<String, String>> data = new HashMap<>();

	private final List<String> problems = new ArrayList<>();

	private NuChecker checker;

	/**
	 * Customers in both languages with a few months of feedback, a case, a survey link,
	 * an import, a webhook.
	 */
	@BeforeAll
	void someData() throws Exception {
		String segment = "Pages " + UUID.randomUUID().toString().substring(0, 8);
		Instant now = Instant.now();
		Map<String, Long> customerOf = new HashMap<>();
		long lastEntry = 0;
		for (String language : LANGUAGES) {
			String reference = "P-" + UUID.randomUUID().toString().substring(0, 13);
			String name = "ja".equals(language) ? "株式会社山田製作所 " + reference.substring(2, 6)
					: "Carter & King Ltd " + reference.substring(2, 6);
			Customer customer = customers.create(
					new CustomerDetails(reference, name, segment, "pages@example.com", language), TestUsers.MANAGER);
			customerOf.put(language, customer.getId());
			for (int week = 1; week < 40; week += 3) {
				lastEntry = feedback
					.log(NewFeedback.builder()
						.customer(reference, null, null)
						.receivedAt(now.minus(Duration.ofDays(7L * week)))
						.channel(week % 2 == 0 ? Channel.SURVEY : Channel.EMAIL)
						.category(Category.SERVICE)
						.rating(Signal.QUALITY, 3 + week % 3)
						.rating(Signal.TRANSPARENCY, 2 + week % 4)
						.nps(5 + week % 6)
						.csat(3 + week % 3)
						.comment(week % 2 == 0
								? "The delivery was late again and nobody told us beforehand; the second "
										+ "time this quarter. 納品がまた遅れ、事前の連絡もありませんでした。今期二回目です。"
								: "Friendly support, quick answers. 対応が丁寧で早かったです。")
						.source(Source.FORM)
						.loggedBy(TestUsers.MANAGER)
						.build())
					.id();
			}
			feedback.log(NewFeedback.builder()
				.customer(reference, null, null)
				.receivedAt(now.minus(2, ChronoUnit.HOURS))
				.channel(Channel.PHONE)
				.category(Category.SERVICE)
				.rating(Signal.CONSISTENCY, 1)
				.incident(IncidentType.BROKEN_PROMISE, "Promised a call back on Monday; it never came.")
				.nps(2)
				.comment("We were promised a call back and it never came. 折り返しの電話をすると言われましたが、来ませんでした。")
				.source(Source.FORM)
				.loggedBy(TestUsers.MANAGER)
				.build());
			IssuedLink link = surveyLinks.issue(customer.getId(), null, null, TestUsers.MANAGER);
			data.computeIfAbsent("survey", key -> new HashMap<>())
				.put(language, link.url().substring(link.url().lastIndexOf('/') + 1));
		}
		// the English customer's case is overdue, so the board shows an overdue row
		long overdueCase = cases.ofCustomer(customerOf.get("en")).get(0).id();
		jdbc.sql(
				"update recovery_case set opened_at = now() - interval '3 days', acknowledge_due_at = now() - interval '1 day' where id = ?")
			.param(overdueCase)
			.update();
		long customer = customerOf.get("ja");
		put("customer", customer);
		put("feedback", lastEntry);
		put("case", cases.ofCustomer(customer).get(0).id());
		put("user",
				jdbc.sql("select id from app_user where username = ?")
					.param(TestUsers.STAFF)
					.query(Long.class)
					.single());
		put("webhook",
				webhooks
					.create("http://127.0.0.1:9/pages-" + UUID.randomUUID(), Set.of("case.opened"), null,
							WebhookFormat.values()[0], TestUsers.ADMIN)
					.id());
		try {
			// a name with no space to break at: the tokens page must still fit a phone
			apiTokens.create(TestUsers.ADMIN, "nightly-export-to-the-data-warehouse-" + UUID.randomUUID(),
					TokenAccess.READ, null, null, TestUsers.ADMIN);
		}
		catch (FieldRefusedException ex) {
			// the admin already holds as many tokens as allowed: those are on the page
		}
		Path csv = Files.createTempFile("pages-", ".csv");
		try {
			String run = UUID.randomUUID().toString().substring(0, 8);
			Files.writeString(csv,
					"""
							external_id,customer_ref,customer_name,segment,received_at,channel,category,transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment
							%1$s-1,%1$s-C1,Import Test,%2$s,2026-05-01,EMAIL,OTHER,3,,,,,,,,,fine
							%1$s-2,%1$s-C1,Import Test,%2$s,2026-13-01,EMAIL,OTHER,3,,,,,,,,,bad date
							"""
						.formatted(run, segment));
			put("import", imports.run(csv, "pages.csv", TestUsers.ADMIN).id());
		}
		finally {
			Files.deleteIfExists(csv);
		}
	}

	private void put(String name, Object value) {
		data.put(name, Map.of("en", value.toString(), "ja", value.toString()));
	}

	@Test
	void everyPageIsAccessibleValidAndFitsTheWindowInBothLanguagesAndWidths() throws Exception {
		try (Browser browser = Browser.open(port)) {
			Files.createDirectories(Path.of("target", "screenshots", "pages"));
			for (String language : LANGUAGES) {
				browser.go("/login?lang=" + language);
				check(browser, publicPages(), language, false);
				browser.go("/login?lang=" + language).signIn(TestUsers.ADMIN, TestUsers.PASSWORD);
				check(browser, signedInPages(), language, true);
				browser.driver().manage().deleteAllCookies();
			}
		}
		finally {
			Files.write(Path.of("target", "screenshots", "pages", "problems.txt"), problems);
		}
		assertThat(problems).as("problems found on the pages").isEmpty();
	}

	private void check(Browser browser, List<Page> pages, String language, boolean signedIn) throws Exception {
		// -Dshinrai.pages=dashboard,customer checks only those pages, while working on
		// them
		Set<String> only = Set.of(System.getProperty("shinrai.pages", "").split(","));
		for (Page page : pages) {
			if (!only.equals(Set.of("")) && !only.contains(page.name())) {
				continue;
			}
			String path = resolve(page.path(), language);
			String url = path + (path.contains("?") ? "&" : "?") + "lang=" + language;
			validate(browser, page, url, language);
			for (int width : WIDTHS) {
				browser.resize(width, 900);
				browser.go(url);
				String where = page.name() + " (" + language + ", " + width + " px, " + path + ")";
				if (signedIn && browser.currentPath().startsWith("/login")) {
					problems.add(where + ": sent to the sign-in page");
					continue;
				}
				long started = System.nanoTime();
				browser.fullPageScreenshot("pages/" + language + "-" + width + "-" + page.name());
				checkAccessibility(browser, where);
				checkFits(browser, where, width);
				System.out.printf("page check %s %d ms%n", where, (System.nanoTime() - started) / 1_000_000);
			}
		}
	}

	private void checkAccessibility(Browser browser, String where) {
		// only violations are collected (not the passes), which makes a run several times
		// faster
		AxeRunOptions options = new AxeRunOptions();
		options.setResultTypes(List.of("violations"));
		for (Rule violation : new AxeBuilder().withOptions(options)
			.disableIframeTesting()
			.analyze(browser.driver())
			.getViolations()) {
			if (BLOCKING_IMPACTS.contains(violation.getImpact())) {
				problems.add(where + ": axe " + violation.getImpact() + " " + violation.getId() + " at "
						+ violation.getNodes()
							.stream()
							.limit(3)
							.map(node -> String.valueOf(node.getTarget()))
							.collect(Collectors.joining(", ")));
			}
		}
	}

	/**
	 * No sideways scrolling of the page, no chart label drawn smaller than 11 px, and on
	 * a wide screen a navigation on one line with no item broken over two.
	 */
	private void checkFits(Browser browser, String where, int width) {
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		if (width >= 992) {
			Object broken = js.executeScript(
					"""
							const lines = (element) => {
								const range = document.createRange();
								range.selectNodeContents(element);
								return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
							};
							const nav = document.querySelector('header nav');
							if (!nav) {
								return '';
							}
							const broken = [];
							const walker = document.createTreeWalker(nav, NodeFilter.SHOW_TEXT);
							while (walker.nextNode()) {
								const text = walker.currentNode;
								if (text.textContent.trim() && text.parentElement.offsetParent !== null) {
									const range = document.createRange();
									range.selectNodeContents(text);
									if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1) {
										broken.push(text.textContent.trim());
									}
								}
							}
							const height = nav.getBoundingClientRect().height;
							return (height > 64 ? 'the navigation is ' + Math.round(height) + ' px high (more than one row); ' : '')
								+ (broken.length ? 'broken over lines: ' + broken.join(', ') : '');""");
			if (broken != null && !broken.toString().isEmpty()) {
				problems.add(where + ": " + broken);
			}
		}
		long pageWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
		long windowWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
		// one pixel is sub-pixel rounding (the same tolerance as for the elements named
		// below)
		if (pageWidth > windowWidth + 1) {
			Object widest = js.executeScript(
					"""
							const limit = document.documentElement.clientWidth;
							return [...document.querySelectorAll('main *')]
								.filter(e => e.getBoundingClientRect().right > limit + 1)
								.filter(e => !e.parentElement.closest('.table-responsive, .chart-scroll'))
								.slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
									+ (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().replace(/ +/g, '.') : '')
									+ ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', ');""");
			String problem = where + ": the page is " + pageWidth + " px wide in a " + windowWidth + " px window ("
					+ widest + ")";
			problems.add(problem);
		}
		Object smallLabels = js.executeScript("""
				return [...document.querySelectorAll('svg text')]
					.filter(t => t.getBoundingClientRect().width > 0)
					.map(t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a)
					.filter(size => size < 10.95)
					.map(size => size.toFixed(1)).slice(0, 3).join(', ');""");
		if (smallLabels != null && !smallLabels.toString().isEmpty()) {
			problems.add(where + ": chart labels of " + smallLabels + " px");
		}
	}

	/**
	 * The HTML as the server sends it (not as scripts have changed it), checked by the Nu
	 * Html Checker.
	 */
	private void validate(Browser browser, Page page, String url, String language) throws Exception {
		HttpResponse<byte[]> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(browser.baseUrl() + url))
				.header("Cookie", browser.cookieHeader())
				.header("Accept", "text/html")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofByteArray());
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		if (!contentType.startsWith("text/html")) {
			problems.add(page.name() + " (" + language + "): answered " + response.statusCode() + " " + contentType);
			return;
		}
		Map<String, Integer> errors = checker().check(response.body());
		errors.entrySet()
			.stream()
			.limit(5)
			.forEach(error -> problems.add(page.name() + " (" + language + "): Nu " + error.getKey()
					+ (error.getValue() > 1 ? " (" + error.getValue() + " times)" : "")));
		if (errors.size() > 5) {
			problems.add(page.name() + " (" + language + "): Nu and " + (errors.size() - 5) + " more errors");
		}
	}

	private NuChecker checker() throws Exception {
		if (checker == null) {
			checker = new NuChecker();
		}
		return checker;
	}

	/**
	 * The Nu Html Checker in this JVM, its schema read once: reading it takes seconds,
	 * checking a page milliseconds.
	 */
	private static final class NuChecker implements ErrorHandler {

		private final SimpleDocumentValidator validator = new SimpleDocumentValidator(true, false, false);

		private Map<String, Integer> errors = new LinkedHashMap<>();

		NuChecker() throws Exception {
			validator.setUpMainSchema(EmbeddedValidator.SCHEMA_URL, this);
			validator.setUpValidatorAndParsers(this, false, false);
		}

		/** The errors in the page, each with the number of times it occurs. */
		Map<String, Integer> check(byte[] html) throws Exception {
			errors = new LinkedHashMap<>();
			validator.checkHtmlInputSource(new InputSource(new ByteArrayInputStream(html)));
			return errors;
		}

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) {
			errors.merge("line " + exception.getLineNumber() + ": " + exception.getMessage(), 1, Integer::sum);
		}

		@Override
		public void fatalError(SAXParseException exception) {
			error(exception);
		}

	}

	private String resolve(String path, String language) {
		String resolved = path;
		for (Map.Entry<String, Map<String, String>> entry : data.entrySet()) {
			resolved = resolved.replace("{" + entry.getKey() + "}", entry.getValue().get(language));
		}
		return resolved;
	}

}
