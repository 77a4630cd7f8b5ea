package io.shinrai.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.shinrai.TestDatabase;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database goes away under a running server and comes back: every answer meanwhile
 * comes within 3 s (the HTTP client gives up after that, failing the test), nothing is
 * lost that the user typed, and everything works again without a restart. The app reaches
 * the tests' PostgreSQL through a relay the test cuts.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({ TestUsers.class, DatabaseOutageIntegrationTests.ThroughProxy.class })
class DatabaseOutageIntegrationTests {

	private static final DatabaseProxy PROXY = startProxy();

	private static final Duration WITHIN = Duration.ofSeconds(3);

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@AfterEach
	void databaseBack() throws IOException {
		try {
			PROXY.open();
		}
		catch (IOException ex) {
			// it was open
		}
	}

	@Test
	void answersAtOnceWhileTheDatabaseIsAwayKeepsWhatWasTypedAndRecovers() throws Exception {
		String csrf = signInAsManager();
		assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

		// the pages and calls of the outage, once with the database there, so that none
		// is slow for being the first
		get("/?lang=en");
		send(api("/api/v1/feedback").GET());
		PROXY.cut();
		timeout = WITHIN;

		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(503);
		assertThat(health.body()).contains("DOWN");

		HttpResponse<String> dashboard = get("/?lang=en");
		assertThat(dashboard.statusCode()).isEqualTo(503);
		assertThat(dashboard.body()).contains("cannot reach its database");

		HttpResponse<String> read = send(api("/api/v1/feedback").GET());
		assertThat(read.statusCode()).isEqualTo(503);
		assertThat(read.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		HttpResponse<String> write = send(api("/api/v1/feedback").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"customerRef": "OUT-1", "receivedAt": "2026-05-01T10:00:00Z", "channel": "EMAIL",
					 "category": "OTHER", "ratings": {"quality": 3}}""")));
		assertThat(write.statusCode()).isEqualTo(503);
		assertThat(write.body()).contains("\"status\":503");

		Map<String, String> customer = new LinkedHashMap<>();
		customer.put("_csrf", csrf);
		customer.put("reference", "OUT-C-1");
		customer.put("name", "Outage 株式会社");
		customer.put("segment", "SMB");
		customer.put("email", "outage@example.com");
		HttpResponse<String> customerForm = post("/customers", customer);
		assertThat(customerForm.statusCode()).isEqualTo(503);
		assertThat(customerForm.body()).contains("value=\"OUT-C-1\"", "value=\"Outage 株式会社\"",
				"value=\"outage@example.com\"", "Everything you entered is still here");

		Map<String, String> entry = new LinkedHashMap<>();
		entry.put("_csrf", csrf);
		entry.put("customerRef", "OUT-C-1");
		entry.put("receivedAt", "2026-05-01T10:00");
		entry.put("channel", "PHONE");
		entry.put("category", "DELIVERY");
		entry.put("ratings[quality]", "2");
		entry.put("comment", "Typed during the outage");
		HttpResponse<String> feedbackForm = post("/feedback", entry);
		assertThat(feedbackForm.statusCode()).isEqualTo(503);
		assertThat(feedbackForm.body()).contains("Typed during the outage", "value=\"OUT-C-1\"",
				"Everything you entered is still here");

		// forms that change something existing post back to it
		Map<String, String> edit = new LinkedHashMap<>(customer);
		edit.put("version", "3");
		HttpResponse<String> editForm = post("/customers/424242", edit);
		assertThat(editForm.statusCode()).isEqualTo(503);
		assertThat(editForm.body()).contains("action=\"/customers/424242\"", "value=\"Outage 株式会社\"");
		Map<String, String> correction = new LinkedHashMap<>(entry);
		correction.put("version", "1");
		HttpResponse<String> correctionForm = post("/feedback/424242", correction);
		assertThat(correctionForm.statusCode()).isEqualTo(503);
		assertThat(correctionForm.body()).contains("action=\"/feedback/424242\"", "Typed during the outage");

		PROXY.open();
		timeout = Duration.ofSeconds(60);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(get("/actuator/health").statusCode()).isEqualTo(200));
		assertThat(get("/?lang=en").statusCode()).isEqualTo(200);
		assertThat(send(api("/api/v1/feedback").GET()).statusCode()).isEqualTo(200);
		assertThat(post("/customers", customer).statusCode()).isEqualTo(302);
	}

	private String signInAsManager() throws Exception {
		String token = csrf(get("/login").body());
		HttpResponse<String> signedIn = post("/login",
				Map.of("username", TestUsers.MANAGER, "password", TestUsers.PASSWORD, "_csrf", token));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		return csrf(get("/customers/new").body());
	}

	private static String csrf(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("a CSRF token in the page").isTrue();
		return token.group(1);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
		String body = form.entrySet()
			.stream()
			.map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpRequest.Builder api(String path) {
		String credentials = Base64.getEncoder()
			.encodeToString((TestUsers.MANAGER + ":" + TestUsers.PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + credentials);
	}

	/**
	 * Before the outage, the first requests warm the server up; from then on every answer
	 * must come in time.
	 */
	private Duration timeout = Duration.ofSeconds(60);

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return client.send(request.timeout(timeout).header("Accept-Language", "en").build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static DatabaseProxy startProxy() {
		Matcher address = Pattern.compile("//[^:/]+:(\\d+)/").matcher(TestDatabase.jdbcUrl());
		if (!address.find()) {
			throw new IllegalStateException("no port in " + TestDatabase.jdbcUrl());
		}
		DatabaseProxy proxy = new DatabaseProxy(Integer.parseInt(address.group(1)));
		try {
			proxy.open();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return proxy;
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ThroughProxy {

		@Bean
		JdbcConnectionDetails databaseThroughProxy() {
			String url = TestDatabase.jdbcUrl().replaceFirst("//[^:/]+:\\d+/", "//127.0.0.1:" + PROXY.port() + "/");
			String user = url.contains("user=postgres") ? "postgres" : "test";
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return user;
				}

				@Override
				public String getPassword() {
					return "";
				}

				@Override
				public String getJdbcUrl() {
					return url;
				}

			};
		}

	}

}
