package io.shinrai.account;

import java.net.http.HttpResponse;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in through a real provider on loopback: users with different
 * claims, the first sign-in that creates the user, the role taken from the claim,
 * refusals, sessions in the database.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SingleSignOnIntegrationTests extends SingleSignOnTest {

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void theSignInPageOffersTheProviderAndKeepsThePasswordForm() throws Exception {
		String page = new SsoClient(port).get("/login").body();
		assertThat(page).contains("href=\"/oauth2/authorization/company\"").contains("Sign in with Company SSO");
		assertThat(page).contains("name=\"password\"");
		String japanese = new SsoClient(port).get("/login", "ja").body();
		assertThat(japanese).contains("Company SSOでログイン");
	}

	@Test
	void theFirstSignInCreatesTheUserWithTheRoleOfTheClaim() throws Exception {
		String subject = "aiko-" + System.nanoTime();
		SsoClient browser = new SsoClient(port);
		String landing = browser.signIn(subject, """
				{"preferred_username": "%s", "name": "Aiko Tanaka", "email": "aiko@example.com",
				 "groups": ["everyone", "shinrai-managers"]}""".formatted(subject));
		assertThat(landing).isEqualTo("/");

		UserAccount user = accounts.find(subject).orElseThrow();
		assertThat(user.getRole()).isEqualTo(Role.MANAGER);
		assertThat(user.getDisplayName()).isEqualTo("Aiko Tanaka");
		assertThat(user.getEmail()).isEqualTo("aiko@example.com");
		assertThat(user.isSingleSignOn()).isTrue();
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'USER_CREATED' and subject = :name")
			.param("name", subject)
			.query(Long.class)
			.single()).isEqualTo(1);

		// a page as that user, and the session is the database's, under the Shinrai user
		// name
		HttpResponse<String> home = browser.get("/");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains("Aiko Tanaka");
		assertThat(jdbc.sql("select count(*) from spring_session where principal_name = :name")
			.param("name", subject)
			.query(Long.class)
			.single()).isEqualTo(1);
		// a manager's page
		assertThat(browser.get("/customers/new").statusCode()).isEqualTo(200);
		assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
	}

	@Test
	void theClaimDecidesTheRoleAtEverySignIn() throws Exception {
		String subject = "kenji-" + System.nanoTime();
		SsoClient first = new SsoClient(port);
		first.signIn(subject, """
				{"preferred_username": "%s", "groups": "shinrai-admins"}""".formatted(subject));
		assertThat(accounts.find(subject).orElseThrow().getRole()).isEqualTo(Role.ADMIN);
		assertThat(first.get("/admin/users").statusCode()).isEqualTo(200);

		SsoClient later = new SsoClient(port);
		assertThat(later.signIn(subject, """
				{"preferred_username": "%s", "groups": ["shinrai-staff"]}""".formatted(subject))).isEqualTo("/");
		assertThat(accounts.find(subject).orElseThrow().getRole()).isEqualTo(Role.STAFF);
		assertThat(later.get("/customers/new").statusCode()).isEqualTo(403);
		// the session opened as an admin ended with the demotion
		HttpResponse<String> demoted = first.get("/admin/users");
		assertThat(demoted.statusCode()).isEqualTo(302);
		assertThat(demoted.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'USER_ROLE_CHANGED' and subject = :name")
			.param("name", subject)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from app_user where lower(username) like :name")
			.param("name", subject + "%")
			.query(Long.class)
			.single()).as("the same person, not a second user").isEqualTo(1);
	}

	@Test
	void aUserWhoseClaimGrantsNoRoleIsRefusedAndNotCreated() throws Exception {
		String subject = "mika-" + System.nanoTime();
		SsoClient browser = new SsoClient(port);
		String landing = browser.signIn(subject, """
				{"preferred_username": "%s", "groups": ["marketing"]}""".formatted(subject));
		assertThat(landing).isEqualTo("/login?sso=no-role");
		String page = browser.get(landing).body();
		assertThat(page).contains("gives you no role in Shinrai").contains("Ask your IT department");
		assertThat(browser.get(landing, "ja").body()).contains("Shinrai のロールが割り当てられていません");
		assertThat(accounts.find(subject)).isEmpty();
		assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);

		// no claim at all is no role either
		assertThat(new SsoClient(port).signIn(subject, "{\"preferred_username\": \"" + subject + "\"}"))
			.isEqualTo("/login?sso=no-role");
	}

	@Test
	void aProviderNameOfALocalUserNeverSignsInAsThatUser() throws Exception {
		String subject = "intruder-" + System.nanoTime();
		new SsoClient(port).signIn(subject, """
				{"preferred_username": "admin", "groups": ["everyone"]}""");
		UserAccount created = accounts.list()
			.stream()
			.filter(user -> user.isSingleSignOn() && user.getUsername().startsWith("admin-"))
			.reduce((first, second) -> second)
			.orElseThrow();
		assertThat(created.getRole()).isEqualTo(Role.STAFF);
		assertThat(accounts.find(TestUsers.ADMIN).orElseThrow().isSingleSignOn()).isFalse();
	}

	@Test
	void aDisabledUserStaysOutAndTheirOpenSessionEnds() throws Exception {
		String subject = "yuki-" + System.nanoTime();
		String claims = """
				{"preferred_username": "%s", "groups": ["everyone"]}""".formatted(subject);
		SsoClient browser = new SsoClient(port);
		browser.signIn(subject, claims);
		assertThat(browser.get("/").statusCode()).isEqualTo(200);

		UserAccount user = accounts.find(subject).orElseThrow();
		accounts.changeEnabled(user.getId(), user.getVersion(), false, TestUsers.ADMIN);
		HttpResponse<String> after = browser.get("/");
		assertThat(after.statusCode()).isEqualTo(302);
		assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");

		SsoClient again = new SsoClient(port);
		assertThat(again.signIn(subject, claims)).isEqualTo("/login?sso=disabled");
		assertThat(again.get("/login?sso=disabled").body()).contains("Your Shinrai account is disabled.");
	}

	@Test
	void localAccountsKeepSigningIn() throws Exception {
		SsoClient browser = new SsoClient(port);
		HttpResponse<String> api = browser.get("/api/v1/feedback?size=1");
		assertThat(api.statusCode()).isEqualTo(401);
		java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
		HttpResponse<String> basic = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + "/api/v1/feedback?size=1"))
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder()
						.encodeToString((TestUsers.STAFF + ":" + TestUsers.PASSWORD)
							.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(basic.statusCode()).isEqualTo(200);
	}

}
