package io.shinrai.feedback.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shinrai.Browser;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import as a manager uses it, on the real server (Tomcat enforces the upload limit,
 * MockMvc does not).
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ImportBrowserTests {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	private int port;

	@TempDir
	Path directory;

	private final String run = CsvFixtures.newRun();

	@Test
	void managerImportsAWindows31jFileTwiceAndFollowsTheJobInBothLanguages() {
		Path file = CsvFixtures.file(directory, "windows-31j.csv", run);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.click(By.linkText("Import"));
			assertThat(browser.text(By.cssSelector("main h1"))).isEqualTo("Import feedback");
			browser.screenshot("import-page-en");

			browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("import-submit"));
			waitUntilFinished(browser);
			assertThat(browser.currentPath()).matches("/import/\\d+");
			assertThat(browser.text(By.id("import-status"))).isEqualTo("Completed");
			assertThat(browser.text(By.id("summary-imported"))).isEqualTo("2");
			browser.screenshot("import-job-completed-en");

			browser.go("/import");
			browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("import-submit"));
			waitUntilFinished(browser);
			assertThat(browser.text(By.id("summary-imported"))).isEqualTo("0");
			assertThat(browser.text(By.id("summary-skipped"))).isEqualTo("2");

			browser.click(By.cssSelector("a[hreflang=ja]"));
			assertThat(browser.text(By.id("import-status"))).isEqualTo("完了");
			assertThat(browser.pageSource()).contains("登録済みのためスキップ");
			browser.screenshot("import-job-skipped-ja");
		}
	}

	@Test
	void managerSeesRejectedRowsWithTheirLineAndReason() {
		Path file = CsvFixtures.file(directory, "multiline.csv", run);
		try (Browser browser = Browser.open(port)) {
			browser.go("/login?lang=en").signIn(TestUsers.MANAGER, TestUsers.PASSWORD);
			browser.go("/import");
			browser.find(By.id("file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("import-submit"));
			waitUntilFinished(browser);
			assertThat(browser.text(By.cssSelector("#rejections tbody tr td:first-child"))).isEqualTo("5");
			assertThat(browser.text(By.cssSelector("#rejections tbody")))
				.contains("received_at: \"not a date\" is not a date.");
			assertThat(browser.find(By.id("rejected-download")).getAttribute("href")).endsWith("/rejected.csv");
			browser.screenshot("import-job-rejections-en");
		}
	}

	@Test
	void anUploadOverTheLimitGetsAMessageOnTheImportPageNotAnError() throws Exception {
		Client client = new Client(port);
		client.signIn(TestUsers.MANAGER);
		Matcher token = HIDDEN_CSRF.matcher(client.get("/import?lang=en"));
		assertThat(token.find()).isTrue();
		String uploadPath = "/import?_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);

		// a file within the limit is taken
		HttpResponse<String> small = client.upload(uploadPath, "ok.csv",
				new ByteArrayInputStream(CsvFixtures.bytes("utf8-bom.csv", run)), 0);
		assertThat(small.statusCode()).isEqualTo(302);
		assertThat(small.headers().firstValue("Location").orElseThrow()).matches(".*/import/\\d+");

		// 51 MB of generated text: over the 50 MB limit
		HttpResponse<String> big = client.upload(uploadPath, "big.csv", InputStream.nullInputStream(),
				51L * 1024 * 1024);
		assertThat(big.statusCode()).isEqualTo(302);
		String location = big.headers().firstValue("Location").orElseThrow();
		assertThat(location).endsWith("/import?tooLarge=true");
		String after = client.get(location.substring(location.indexOf("/import")));
		assertThat(after).contains("The file is larger than the limit of 50 MB: nothing was imported.");
		assertThat(after).doesNotContain("big.csv");

		// over the file limit but not the request limit: found while reading the upload
		HttpResponse<String> fileTooBig = client.upload(uploadPath, "big2.csv", InputStream.nullInputStream(),
				50L * 1024 * 1024 + 100_000);
		assertThat(fileTooBig.headers().firstValue("Location").orElseThrow()).endsWith("/import?tooLarge=true");
	}

	private static void waitUntilFinished(Browser browser) {
		new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions
			.not(ExpectedConditions.attributeContains(By.id("import-job"), "data-status", "RUNNING")));
	}

	/**
	 * A signed-in HTTP client with cookies, for what a browser cannot easily do (a 51 MB
	 * upload).
	 */
	private static final class Client {

		private final HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String base;

		Client(int port) {
			this.base = "http://localhost:" + port;
		}

		void signIn(String username) throws IOException, InterruptedException {
			Matcher token = HIDDEN_CSRF.matcher(get("/login"));
			assertThat(token.find()).isTrue();
			String form = "username=" + username + "&password="
					+ URLEncoder.encode(TestUsers.PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
					+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(302);
		}

		String get(String path) throws IOException, InterruptedException {
			return http
				.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", "en").build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
		}

		/**
		 * Uploads {@code content} followed by {@code fillerBytes} generated bytes as the
		 * form's file.
		 */
		HttpResponse<String> upload(String path, String fileName, InputStream content, long fillerBytes)
				throws IOException, InterruptedException {
			String boundary = "----shinrai" + System.nanoTime();
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
					+ "\"\r\nContent-Type: text/csv\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
			HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofInputStream(
						() -> new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
								content, new Filler(fillerBytes), new ByteArrayInputStream(tail))))))
				.build();
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}

	}

	/** {@code size} bytes of CSV-looking text, generated as they are read. */
	private static final class Filler extends InputStream {

		private long remaining;

		Filler(long size) {
			this.remaining = size;
		}

		@Override
		public int read() {
			return remaining-- > 0 ? 'x' : -1;
		}

		@Override
		public int read(byte[] target, int offset, int length) {
			if (remaining <= 0) {
				return -1;
			}
			int n = (int) Math.min(length, remaining);
			java.util.Arrays.fill(target, offset, offset + n, (byte) 'x');
			remaining -= n;
			return n;
		}

	}

}
