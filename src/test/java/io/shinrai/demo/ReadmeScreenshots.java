package io.shinrai.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.shinrai.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes the README's screenshots from the demo data: the application on an empty embedded
 * database of its own (not the tests' database), the admin presses "Load demo data" on
 * the empty dashboard, and the pages are photographed in both languages at 1366 px (the
 * dashboard also at 390 px) into {@code docs/screenshots/}. Not part of the suite; run it
 * when the pages change:
 *
 * <pre>
 * ./mvnw test -Dtest=ReadmeScreenshots -Dshinrai.readme-screenshots=true
 * </pre>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "shinrai.embedded-database.data-directory=target/readme-screenshots-db",
				"shinrai.admin.password=" + ReadmeScreenshots.PASSWORD })
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "shinrai.readme-screenshots", matches = "true")
class ReadmeScreenshots {

	static final String PASSWORD = "readme-password-1";

	private static final Path DOCS = Path.of("docs", "screenshots");

	@LocalServerPort
	private int port;

	@Test
	void photographsTheDemoDataInBothLanguages() throws Exception {
		Files.createDirectories(DOCS);
		try (Browser browser = Browser.open(port)) {
			browser.resize(1366, 900);
			browser.go("/login?lang=en").signIn("admin", PASSWORD);
			if (!browser.driver().findElements(By.id("load-demo-data")).isEmpty()) {
				browser.clickAndWaitForPage(By.id("load-demo-data"));
			}
			new WebDriverWait(browser.driver(), Duration.ofMinutes(5))
				.until(ExpectedConditions.presenceOfElementLocated(By.id("incidents-panel")));
			for (String language : new String[] { "en", "ja" }) {
				shoot(browser, "/?lang=" + language, "dashboard-" + language);
				shoot(browser, "/customers?lang=" + language, "customers-" + language);
				browser.clickAndWaitForPage(By.cssSelector("main table tbody a[href*='/customers/']"));
				browser.fullPageScreenshot("readme");
				copy("customer-" + language);
				shoot(browser, "/recovery?lang=" + language, "recovery-" + language);
			}
			browser.resize(390, 844);
			shoot(browser, "/?lang=ja", "dashboard-ja-phone");
		}
		assertThat(DOCS.resolve("dashboard-en.png")).exists();
	}

	private void shoot(Browser browser, String path, String name) throws Exception {
		browser.go(path);
		browser.fullPageScreenshot("readme");
		copy(name);
	}

	private static void copy(String name) throws Exception {
		Files.copy(Path.of("target", "screenshots", "readme.png"), DOCS.resolve(name + ".png"),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

}
