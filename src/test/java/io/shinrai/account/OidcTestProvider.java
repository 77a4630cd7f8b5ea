package io.shinrai.account;

import java.net.InetAddress;
import java.util.Set;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.NettyWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID Connect provider on loopback in the test JVM (mock-oauth2-server), with
 * its sign-in page: a user name (the subject) and the claims as JSON, as a person would
 * get from the company's provider. Started once for all tests; the application is
 * configured for it with nothing but Spring Boot's standard client properties.
 */
final class OidcTestProvider {

	static final String REGISTRATION = "company";

	static final String CLIENT_NAME = "Company SSO";

	private static final MockOAuth2Server SERVER = start();

	private OidcTestProvider() {
	}

	private static MockOAuth2Server start() {
		// on its Netty server: its default one (OkHttp's MockWebServer 4) does not run
		// with the OkHttp 5 of the
		// webhook tests
		MockOAuth2Server server = new MockOAuth2Server(
				new OAuth2Config(true, null, null, false, new OAuth2TokenProvider(), Set.of(), new NettyWrapper()));
		server.start(InetAddress.getLoopbackAddress(), 0);
		return server;
	}

	static String issuer() {
		return SERVER.issuerUrl(REGISTRATION).toString();
	}

	/**
	 * The standard properties of one OIDC client registration, plus the claim to role
	 * mapping.
	 */
	static void register(DynamicPropertyRegistry registry) {
		String prefix = "spring.security.oauth2.client.";
		registry.add(prefix + "registration." + REGISTRATION + ".client-id", () -> "shinrai");
		registry.add(prefix + "registration." + REGISTRATION + ".client-secret", () -> "shinrai-secret");
		registry.add(prefix + "registration." + REGISTRATION + ".client-name", () -> CLIENT_NAME);
		registry.add(prefix + "registration." + REGISTRATION + ".scope", () -> "openid,profile,email");
		registry.add(prefix + "provider." + REGISTRATION + ".issuer-uri", OidcTestProvider::issuer);
		registry.add("shinrai.sso.role-claim", () -> "groups");
		registry.add("shinrai.sso.admin-values", () -> "shinrai-admins");
		registry.add("shinrai.sso.manager-values", () -> "shinrai-managers");
		registry.add("shinrai.sso.staff-values", () -> "shinrai-staff,everyone");
	}

}
