package io.shinrai.account;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.Cookie;

import io.shinrai.HtmlIds;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class UserAdminIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private TestUsers users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	private static String uniqueName(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private UserAccount createdUser(Role role) {
		return accounts.create(uniqueName("u"), "Some One", TestUsers.PASSWORD, role);
	}

	private List<String> auditTypesFor(String subject) {
		return jdbc.sql("select type from audit_event where subject = ? order by id")
			.param(subject)
			.query(String.class)
			.list();
	}

	@Test
	void listsUsersWithRoleAndStatus() throws Exception {
		UserAccount someone = createdUser(Role.MANAGER);
		mvc.perform(get("/admin/users").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(someone.getUsername())))
			.andExpect(content().string(containsString("Manager")));
	}

	@Test
	void showsAUsersPageWithItsFormsAndThePasswordRuleInJapanese() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		mvc.perform(get("/admin/users/{id}", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
			.header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"version\" value=\"" + someone.getVersion() + "\"")))
			.andExpect(content().string(containsString("12文字以上にしてください")))
			.andExpect(content().string(containsString("ログインを無効にする")));
	}

	@Test
	void newAndEditPagesShareTheUserFieldsTheEditPageAddingTheEmailAddress() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		String created = mvc
			.perform(get("/admin/users/new").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String edited = mvc
			.perform(get("/admin/users/{id}", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
				.header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (String page : new String[] { created, edited }) {
			assertThat(HtmlIds.duplicates(page)).as("ids used twice").isEmpty();
			assertThat(page).contains("id=\"displayName\"", "id=\"role\"", "id=\"role-help\"", "id=\"password\"",
					"id=\"passwordRepeated\"", "id=\"password-help\"");
		}
		assertThat(created).contains("id=\"username\"").doesNotContain("id=\"email\"");
		assertThat(edited).contains("id=\"email\"", "id=\"email-help\"");
	}

	@Test
	void answersNotFoundForAnUnknownUser() throws Exception {
		mvc.perform(get("/admin/users/{id}", Long.MAX_VALUE).with(user(users.user(TestUsers.ADMIN))))
			.andExpect(status().isNotFound());
	}

	@Test
	void createsAUserWithARoleHashesThePasswordAndAuditsIt() throws Exception {
		String username = uniqueName("New.User_1");
		MvcResult created = mvc
			.perform(post("/admin/users").with(user(users.user(TestUsers.ADMIN)))
				.with(csrf())
				.param("username", username)
				.param("displayName", "山田 太郎")
				.param("role", "MANAGER")
				.param("password", "a long passphrase")
				.param("passwordRepeated", "a long passphrase"))
			.andExpect(redirectedUrl("/admin/users"))
			.andExpect(flash().attribute("success", "users.created"))
			.andReturn();
		mvc.perform(get("/admin/users").with(user(users.user(TestUsers.ADMIN)))
			.header("Accept-Language", "en")
			.cookie(created.getResponse().getCookie(StoredSessions.COOKIE)))
			.andExpect(content().string(containsString("User " + username + " was created.")));

		UserAccount user = accounts.find(username).orElseThrow();
		assertThat(user.getRole()).isEqualTo(Role.MANAGER);
		assertThat(user.getDisplayName()).isEqualTo("山田 太郎");
		assertThat(user.getPasswordHash()).startsWith("{bcrypt}").doesNotContain("passphrase");
		assertThat(auditTypesFor(username)).containsExactly("USER_CREATED");
		assertThat(jdbc.sql("select actor from audit_event where subject = ?")
			.param(username)
			.query(String.class)
			.single()).isEqualTo(TestUsers.ADMIN);
		mvc.perform(formLogin("/login").user(username.toUpperCase()).password("a long passphrase"))
			.andExpect(redirectedUrl("/"));
	}

	@Nested
	class RefusesToCreate {

		private MvcResult create(String username, String password, String repeated) throws Exception {
			return mvc
				.perform(post("/admin/users").with(user(users.user(TestUsers.ADMIN)))
					.with(csrf())
					.header("Accept-Language", "en")
					.param("username", username)
					.param("displayName", "Someone")
					.param("role", "STAFF")
					.param("password", password)
					.param("passwordRepeated", repeated))
				.andExpect(status().isOk())
				.andReturn();
		}

		@Test
		void aUserNameThatDiffersOnlyInCase() throws Exception {
			UserAccount existing = createdUser(Role.STAFF);
			String html = create(existing.getUsername().toUpperCase(), "a long passphrase", "a long passphrase")
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("This user name is already taken");
			assertThat(accounts.list()).filteredOn(u -> u.getUsername().equalsIgnoreCase(existing.getUsername()))
				.hasSize(1);
		}

		@Test
		void userNamesWithOtherCharactersOrOfTheWrongLength() throws Exception {
			for (String bad : List.of("ab", "x".repeat(65), "with space", "ümlaut", "a/b", "")) {
				String html = create(bad, "a long passphrase", "a long passphrase").getResponse().getContentAsString();
				assertThat(html).as(bad).contains("The user name must be 3 to 64 characters");
				assertThat(accounts.find(bad)).isEmpty();
			}
		}

		@Test
		void aShortPasswordAndShowsTheRuleAndKeepsTheOtherValues() throws Exception {
			String username = uniqueName("short");
			String html = create(username, "short pass1", "short pass1").getResponse().getContentAsString();
			assertThat(html).contains("The password is too short: use at least 12 characters.")
				.contains("At least 12 characters")
				.contains("value=\"" + username + "\"")
				.doesNotContain("short pass1");
			assertThat(accounts.find(username)).isEmpty();
		}

		@Test
		void aPasswordLongerThanBcryptReads() throws Exception {
			String username = uniqueName("long");
			String tooLong = "パスワード".repeat(5);
			String html = create(username, tooLong, tooLong).getResponse().getContentAsString();
			assertThat(html).contains("The password is too long");
			assertThat(accounts.find(username)).isEmpty();
		}

		@Test
		void passwordsThatDoNotMatch() throws Exception {
			String username = uniqueName("mismatch");
			String html = create(username, "a long passphrase", "a long passphrasE").getResponse().getContentAsString();
			assertThat(html).contains("The two passwords are not the same.");
			assertThat(accounts.find(username)).isEmpty();
		}

	}

	@Test
	void changesRoleAndDisplayNameWithOneAuditEventEach() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		mvc.perform(post("/admin/users/{id}", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.param("displayName", "Renamed")
			.param("role", "ADMIN")
			.param("version", String.valueOf(someone.getVersion())))
			.andExpect(redirectedUrl("/admin/users/" + someone.getId()))
			.andExpect(flash().attribute("success", "users.saved"));
		UserAccount changed = accounts.get(someone.getId());
		assertThat(changed.getRole()).isEqualTo(Role.ADMIN);
		assertThat(changed.getDisplayName()).isEqualTo("Renamed");
		assertThat(auditTypesFor(someone.getUsername())).containsExactly("USER_RENAMED", "USER_ROLE_CHANGED");
		assertThat(jdbc.sql(
				"select before_state || '>' || after_state from audit_event where subject = ? and type = 'USER_ROLE_CHANGED'")
			.param(someone.getUsername())
			.query(String.class)
			.single()).isEqualTo("STAFF>ADMIN");
	}

	@Test
	void refusesAnEditMadeOnAStalePageAndChangesNothing() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		accounts.changeDetails(someone.getId(), someone.getVersion(), "First edit", Role.STAFF, TestUsers.ADMIN);
		mvc.perform(post("/admin/users/{id}", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.param("displayName", "Second edit")
			.param("role", "MANAGER")
			.param("version", String.valueOf(someone.getVersion())))
			.andExpect(redirectedUrl("/admin/users/" + someone.getId()))
			.andExpect(flash().attribute("failure", "users.stale"));
		UserAccount current = accounts.get(someone.getId());
		assertThat(current.getDisplayName()).isEqualTo("First edit");
		assertThat(current.getRole()).isEqualTo(Role.STAFF);
	}

	@Test
	void aLanguageSwitchDoesNotMakeAnAdminsEditStale() {
		UserAccount someone = createdUser(Role.STAFF);
		accounts.rememberLocale(someone.getUsername(), java.util.Locale.JAPANESE);
		accounts.changeDetails(someone.getId(), someone.getVersion(), "Edited", Role.STAFF, TestUsers.ADMIN);
		assertThat(accounts.get(someone.getId()).getDisplayName()).isEqualTo("Edited");
	}

	@Test
	void aDisabledUserCannotSignInAndSeesTheSameErrorAsForAWrongPassword() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		accounts.changeEnabled(someone.getId(), someone.getVersion(), false, TestUsers.ADMIN);
		assertThat(auditTypesFor(someone.getUsername())).containsExactly("USER_DISABLED");

		mvc.perform(formLogin("/login").user(someone.getUsername()).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
		mvc.perform(get("/login?error").header("Accept-Language", "en"))
			.andExpect(content().string(containsString("The user name or password is not correct.")))
			.andExpect(content().string(not(containsString("disabled"))));
	}

	@Test
	void aDisabledUserNameIsThrottledAfterRepeatedFailuresLikeAnyOther() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		accounts.changeEnabled(someone.getId(), someone.getVersion(), false, TestUsers.ADMIN);
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin("/login").user(someone.getUsername()).password("wrong"))
				.andExpect(redirectedUrl("/login?error"));
		}
		mvc.perform(formLogin("/login").user(someone.getUsername()).password("wrong"))
			.andExpect(redirectedUrl("/login?throttled=2"));
	}

	@Test
	void enablingLetsTheUserSignInAgain() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		UserAccount disabled = accounts.changeEnabled(someone.getId(), someone.getVersion(), false, TestUsers.ADMIN);
		mvc.perform(post("/admin/users/{id}/enabled", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.param("enabled", "true")
			.param("version", String.valueOf(disabled.getVersion())))
			.andExpect(flash().attribute("success", "users.enabledNow"));
		assertThat(auditTypesFor(someone.getUsername())).containsExactly("USER_DISABLED", "USER_ENABLED");
		mvc.perform(formLogin("/login").user(someone.getUsername()).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void disablingAUserEndsTheSessionTheyHaveOpen() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		Cookie session = mvc.perform(formLogin("/login").user(someone.getUsername()).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie(StoredSessions.COOKIE);
		mvc.perform(get("/").cookie(session)).andExpect(status().isOk());

		accounts.changeEnabled(someone.getId(), someone.getVersion(), false, TestUsers.ADMIN);

		mvc.perform(get("/").cookie(session)).andExpect(redirectedUrl("/login?expired"));
	}

	@Test
	void resetsThePasswordLiftsALockAndNeverAuditsThePassword() throws Exception {
		UserAccount someone = createdUser(Role.STAFF);
		for (int i = 0; i < 5; i++) {
			mvc.perform(formLogin("/login").user(someone.getUsername()).password("wrong"));
		}
		mvc.perform(post("/admin/users/{id}/password", someone.getId()).with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.param("password", "brand new passphrase")
			.param("passwordRepeated", "brand new passphrase")
			.param("version", String.valueOf(someone.getVersion())))
			.andExpect(flash().attribute("success", "users.passwordReset"));

		mvc.perform(formLogin("/login").user(someone.getUsername()).password("brand new passphrase"))
			.andExpect(redirectedUrl("/"));
		mvc.perform(formLogin("/login").user(someone.getUsername()).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/login?error"));
		assertThat(auditTypesFor(someone.getUsername())).containsExactly("USER_PASSWORD_RESET");
		assertThat(jdbc.sql(
				"select count(*) from audit_event where summary like '%passphrase%' or after_state like '%passphrase%'")
			.query(Long.class)
			.single()).isZero();
	}

	@Nested
	class TheLastEnabledAdmin {

		@Test
		@Transactional // rolled back: the other admins are disabled only inside this test
		void cannotBeDemotedOrDisabled() throws Exception {
			UserAccount admin = accounts.find(TestUsers.ADMIN).orElseThrow();
			jdbc.sql("update app_user set enabled = false where role = 'ADMIN' and id <> ?")
				.param(admin.getId())
				.update();

			assertThatThrownBy(() -> accounts.changeDetails(admin.getId(), admin.getVersion(), admin.getDisplayName(),
					Role.MANAGER, TestUsers.ADMIN))
				.isInstanceOf(LastAdminException.class);
			assertThatThrownBy(() -> accounts.changeEnabled(admin.getId(), admin.getVersion(), false, TestUsers.ADMIN))
				.isInstanceOf(LastAdminException.class);
		}

		@Test
		@Transactional
		void isRefusedWithAClearMessageOnThePage() throws Exception {
			UserAccount admin = accounts.find(TestUsers.ADMIN).orElseThrow();
			jdbc.sql("update app_user set enabled = false where role = 'ADMIN' and id <> ?")
				.param(admin.getId())
				.update();

			mvc.perform(post("/admin/users/{id}/enabled", admin.getId()).with(user(users.user(TestUsers.ADMIN)))
				.with(csrf())
				.param("enabled", "false")
				.param("version", String.valueOf(admin.getVersion())))
				.andExpect(flash().attribute("failure", "users.lastAdmin.disable"));
			mvc.perform(post("/admin/users/{id}", admin.getId()).with(user(users.user(TestUsers.ADMIN)))
				.with(csrf())
				.param("displayName", admin.getDisplayName())
				.param("role", "STAFF")
				.param("version", String.valueOf(admin.getVersion())))
				.andExpect(flash().attribute("failure", "users.lastAdmin.demote"));
		}

		@Test
		void staysEnabledWhenTwoAdminsDisableEachOtherAtTheSameTime() throws Exception {
			UserAccount first = createdUser(Role.ADMIN);
			UserAccount second = createdUser(Role.ADMIN);
			List<Long> others = jdbc
				.sql("select id from app_user where role = 'ADMIN' and enabled and id not in (?, ?)")
				.params(first.getId(), second.getId())
				.query(Long.class)
				.list();
			jdbc.sql("update app_user set enabled = false where id in (:ids)").param("ids", others).update();
			try {
				TransactionTemplate tx = new TransactionTemplate(transactions);
				CompletableFuture<UserAccount> concurrent = tx.execute(status -> {
					accounts.changeEnabled(first.getId(), first.getVersion(), false, first.getUsername());
					// the second admin's change starts while the first one's transaction
					// is still open ...
					CompletableFuture<UserAccount> other = CompletableFuture.supplyAsync(() -> accounts
						.changeEnabled(second.getId(), second.getVersion(), false, second.getUsername()));
					// ... and has to wait for the lock on the admin rows
					await().atMost(10, TimeUnit.SECONDS)
						.until(() -> jdbc.sql(
								"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%app_user%'")
							.query(Long.class)
							.single() > 0);
					return other;
				});
				assertThatThrownBy(() -> concurrent.get(10, TimeUnit.SECONDS))
					.hasCauseInstanceOf(LastAdminException.class);
				assertThat(accounts.get(second.getId()).isEnabled()).isTrue();
				assertThat(accounts.get(first.getId()).isEnabled()).isFalse();
			}
			finally {
				jdbc.sql("update app_user set enabled = true where id in (:ids)").param("ids", others).update();
			}
		}

	}

}
