package io.shinrai.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sessions are rows in the database: a second application instance, modelled here by a
 * session repository and registry of its own over the same database, finds the sessions
 * this one opened and can end them.
 */
@IntegrationTest
@AutoConfigureMockMvc
class SessionsAcrossInstancesIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private JdbcIndexedSessionRepository sessions;

	@Autowired
	private ExpiredSessionCleanup cleanup;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactions;

	private JdbcIndexedSessionRepository otherInstance() {
		return new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), new TransactionTemplate(transactions));
	}

	private UserAccount someone(Role role) {
		return accounts.create("s-" + UUID.randomUUID().toString().substring(0, 8), "Some One", TestUsers.PASSWORD,
				role);
	}

	private Cookie signIn(UserAccount user) throws Exception {
		Cookie cookie = mvc.perform(formLogin("/login").user(user.getUsername()).password(TestUsers.PASSWORD))
			.andExpect(redirectedUrl("/"))
			.andReturn()
			.getResponse()
			.getCookie(StoredSessions.COOKIE);
		mvc.perform(get("/").cookie(cookie)).andExpect(status().isOk());
		return cookie;
	}

	/**
	 * Stores a session of one minute's inactivity last used at {@code lastAccessed};
	 * returns its id.
	 */
	private static <S extends Session> String stored(SessionRepository<S> repository, Instant lastAccessed) {
		S session = repository.createSession();
		session.setMaxInactiveInterval(Duration.ofMinutes(1));
		session.setLastAccessedTime(lastAccessed);
		repository.save(session);
		return session.getId();
	}

	@Test
	void anotherInstanceFindsTheSignedInUserInTheSession() throws Exception {
		UserAccount user = someone(Role.STAFF);
		Cookie cookie = signIn(user);

		Session seen = otherInstance().findById(StoredSessions.id(cookie));

		assertThat(seen).isNotNull();
		SecurityContext context = seen.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		assertThat(context.getAuthentication().getName()).isEqualTo(user.getUsername());
		assertThat(StoredSessions.principalOf(jdbc, seen.getId())).contains(user.getUsername());
	}

	@Test
	void aSessionOpenedHereIsEndedThroughAnotherInstancesRegistry() throws Exception {
		UserAccount user = someone(Role.STAFF);
		Cookie cookie = signIn(user);
		SessionRegistry registryElsewhere = new SpringSessionBackedSessionRegistry<>(otherInstance());

		List<SessionInformation> found = registryElsewhere.getAllSessions(user.getUsername(), false);
		assertThat(found).extracting(SessionInformation::getSessionId).containsExactly(StoredSessions.id(cookie));
		found.forEach(SessionInformation::expireNow);

		mvc.perform(get("/").cookie(cookie)).andExpect(redirectedUrl("/login?expired"));
		assertThat(StoredSessions.exists(jdbc, StoredSessions.id(cookie))).isFalse();
	}

	@Test
	void changingTheRoleEndsEverySessionOfTheUser() throws Exception {
		UserAccount user = someone(Role.MANAGER);
		Cookie first = signIn(user);
		Cookie second = signIn(user);
		UserAccount other = someone(Role.MANAGER);
		Cookie unrelated = signIn(other);

		accounts.changeDetails(user.getId(), user.getVersion(), user.getDisplayName(), Role.STAFF, TestUsers.ADMIN);

		mvc.perform(get("/").cookie(first)).andExpect(redirectedUrl("/login?expired"));
		mvc.perform(get("/").cookie(second)).andExpect(redirectedUrl("/login?expired"));
		mvc.perform(get("/").cookie(unrelated)).andExpect(status().isOk());
	}

	@Test
	void resettingThePasswordEndsTheUsersSessions() throws Exception {
		UserAccount user = someone(Role.STAFF);
		Cookie cookie = signIn(user);

		accounts.resetPassword(user.getId(), user.getVersion(), "a brand new passphrase", TestUsers.ADMIN);

		mvc.perform(get("/").cookie(cookie)).andExpect(redirectedUrl("/login?expired"));
	}

	@Test
	void deletesExpiredSessionsUnderTheSchedulerLockAndKeepsLiveOnes() {
		String expired = stored(sessions, Instant.now().minus(Duration.ofHours(1)));
		String live = stored(sessions, Instant.now());
		assertThat(StoredSessions.exists(jdbc, expired)).isTrue();

		cleanup.deleteExpiredSessions();

		assertThat(StoredSessions.exists(jdbc, expired)).isFalse();
		assertThat(StoredSessions.exists(jdbc, live)).isTrue();
		assertThat(jdbc.sql("select count(*) from shedlock where name = ?")
			.param(ExpiredSessionCleanup.LOCK_NAME)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

}
