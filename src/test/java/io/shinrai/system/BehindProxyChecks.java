package io.shinrai.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a TLS-terminating proxy in front of the app must get: Secure cookies and HSTS for
 * requests it says came over HTTPS, and neither for plain HTTP. Run against a real
 * server, for each forwarded-header strategy.
 */
abstract class BehindProxyChecks {

	@LocalServerPort
	private int port;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void marksTheSessionCookieSecureAndSendsHstsWhenTheProxySaysHttps() throws Exception {
		HttpResponse<String> response = get("/login", true);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(cookie(response, "SESSION")).contains("; Secure").contains("HttpOnly");
		assertThat(response.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying(hsts -> assertThat(hsts).contains("max-age="));
	}

	@Test
	void marksTheLanguageCookieSecureWhenTheProxySaysHttps() throws Exception {
		HttpResponse<String> response = get("/login?lang=ja", true);
		assertThat(cookie(response, Languages.COOKIE)).contains("; Secure");
	}

	@Test
	void sendsNeitherOverPlainHttp() throws Exception {
		HttpResponse<String> response = get("/login?lang=en", false);
		assertThat(cookie(response, "SESSION")).doesNotContainIgnoringCase("secure");
		assertThat(cookie(response, Languages.COOKIE)).doesNotContainIgnoringCase("secure");
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
	}

	private HttpResponse<String> get(String path, boolean https) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (https) {
			request.header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9");
		}
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String cookie(HttpResponse<?> response, String name) {
		List<String> cookies = response.headers().allValues("Set-Cookie");
		return cookies.stream()
			.filter(cookie -> cookie.startsWith(name + "="))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no cookie " + name + " in " + cookies));
	}

}
