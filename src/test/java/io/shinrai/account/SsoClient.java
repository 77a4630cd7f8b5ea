package io.shinrai.account;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without a browser: follows the OpenID Connect sign-in from the app to the
 * provider's sign-in page and back, with cookies, one redirect at a time.
 */
final class SsoClient {

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	SsoClient(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Signs in at the provider as {@code subject} with these claims (JSON); returns where
	 * the app sent the browser in the end (a path of the app).
	 */
	String signIn(String subject, String claimsJson) throws IOException, InterruptedException {
		HttpResponse<String> start = get(base + "/oauth2/authorization/" + OidcTestProvider.REGISTRATION);
		assertThat(start.statusCode()).isEqualTo(302);
		String authorize = start.headers().firstValue("Location").orElseThrow();
		assertThat(authorize).startsWith(OidcTestProvider.issuer());
		HttpResponse<String> loginPage = get(authorize);
		assertThat(loginPage.body()).contains("name=\"username\"");
		String form = "username=" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "&claims="
				+ URLEncoder.encode(claimsJson, StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(authorize))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		String callback = signedIn.headers().firstValue("Location").orElseThrow();
		assertThat(callback).startsWith(base + "/login/oauth2/code/" + OidcTestProvider.REGISTRATION);
		HttpResponse<String> back = get(callback);
		assertThat(back.statusCode()).isEqualTo(302);
		String location = back.headers().firstValue("Location").orElseThrow();
		return location.startsWith(base) ? location.substring(base.length()) : location;
	}

	HttpResponse<String> get(String url) throws IOException, InterruptedException {
		String target = url.startsWith("/") ? base + url : url;
		return http.send(HttpRequest.newBuilder(URI.create(target)).header("Accept-Language", "en").GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path, String language) throws IOException, InterruptedException {
		return http.send(
				HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
