package io.shinrai;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for browser tests. Tests using it are skipped, with a message,
 * when Chromium is not installed; {@code .ci/run} installs it so CI always runs them.
 */
public final class Browser implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private final WebDriver driver;

	private final String baseUrl;

	private final Path profile;

	private Browser(WebDriver driver, String baseUrl, Path profile) {
		this.driver = driver;
		this.baseUrl = baseUrl;
		this.profile = profile;
	}

	public static Browser open(int port) {
		Assumptions.assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
				"Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
		try {
			Path profile = Files.createTempDirectory("shinrai-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM);
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US",
					"--user-data-dir=" + profile.toAbsolutePath());
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Browser(driver, "http://localhost:" + port, profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Browser go(String path) {
		driver.get(baseUrl + path);
		return this;
	}

	public Browser signIn(String username, String password) {
		go("/login");
		type(By.id("username"), username);
		type(By.id("password"), password);
		WebElement form = driver.findElement(By.cssSelector("form[action$='/login']"));
		click(By.cssSelector("form[action$='/login'] button[type=submit]"));
		// the sign-in answers with a redirect: wait until the old page is gone before
		// anyone reads the new one
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(form));
		return this;
	}

	public Browser signOut() {
		click(By.id("logout"));
		return this;
	}

	public Browser type(By field, String text) {
		WebElement element = driver.findElement(field);
		element.clear();
		element.sendKeys(text);
		return this;
	}

	public Browser click(By target) {
		driver.findElement(target).click();
		return this;
	}

	/**
	 * Scrolls the element into view at once, then clicks: Bootstrap scrolls smoothly, so
	 * Selenium's own scrolling may still be moving when it clicks.
	 */
	public Browser clickInView(By target) {
		WebElement element = driver.findElement(target);
		((JavascriptExecutor) driver)
			.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
		element.click();
		return this;
	}

	/**
	 * Clicks a link or button that loads another page, and waits until the old page is
	 * gone. The element is scrolled into view at once first (see {@link #clickInView}).
	 */
	public Browser clickAndWaitForPage(By target) {
		WebElement page = driver.findElement(By.tagName("html"));
		clickInView(target);
		new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.stalenessOf(page));
		return this;
	}

	public WebElement find(By target) {
		return new WebDriverWait(driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.presenceOfElementLocated(target));
	}

	public String text(By target) {
		return find(target).getText();
	}

	/** The path of the current page, without its query. */
	public String currentPath() {
		String path = driver.getCurrentUrl().substring(baseUrl.length());
		int query = path.indexOf('?');
		return query < 0 ? path : path.substring(0, query);
	}

	public String title() {
		return driver.getTitle();
	}

	public String pageSource() {
		return driver.getPageSource();
	}

	public WebDriver driver() {
		return driver;
	}

	public String baseUrl() {
		return baseUrl;
	}

	/**
	 * The browser's cookies as a {@code Cookie} header, for fetching a page as this
	 * browser's user.
	 */
	public String cookieHeader() {
		return driver.manage()
			.getCookies()
			.stream()
			.map(cookie -> cookie.getName() + "=" + cookie.getValue())
			.collect(java.util.stream.Collectors.joining("; "));
	}

	/**
	 * Sets the size of the page's viewport in CSS pixels (headless Chromium's window has
	 * no frame).
	 */
	public Browser resize(int width, int height) {
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
		return this;
	}

	/**
	 * Opens the menu that holds a navigation link (the admin menu is a {@code <details>}
	 * element) when the link is hidden, then clicks the link and waits for its page.
	 */
	public Browser navigate(String linkId) {
		WebElement link = driver.findElement(By.id(linkId));
		if (!link.isDisplayed()) {
			((JavascriptExecutor) driver)
				.executeScript("const menu = arguments[0].closest('details'); if (menu) menu.open = true;", link);
		}
		return clickAndWaitForPage(By.id(linkId));
	}

	/** Saves a screenshot as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		try {
			Path target = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Saves a screenshot of the whole page, not only the window, as
	 * {@code target/screenshots/<name>.png}.
	 */
	@SuppressWarnings("unchecked")
	public Path fullPageScreenshot(String name) {
		ChromeDriver chrome = (ChromeDriver) driver;
		Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
		// the capture lays the page out without a scroll bar: as wide as the window, not
		// as the content beside the scroll bar was
		double width = Math.max(((Number) size.get("width")).doubleValue(),
				((Number) chrome.executeScript("return window.innerWidth")).doubleValue());
		double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
		Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip",
						Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		try {
			Path target = Path.of("target", "screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		driver.quit();
		try (var files = Files.walk(profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a leftover temporary profile does no harm
		}
	}

}
