package io.shinrai.system;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.servlet.http.Cookie;

import io.shinrai.IntegrationTest;
import io.shinrai.TestDatabase;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The routing of connections with a replica configured. Both targets are the tests'
 * database here, told apart by their {@code application_name}; {@code bench/replica.sh}
 * checks the same against a real streaming replica.
 */
@IntegrationTest
@AutoConfigureMockMvc
class ReplicaRoutingIntegrationTests {

	private static final String REPLICA = "shinrai-replica-test";

	@DynamicPropertySource
	static void replica(DynamicPropertyRegistry properties) {
		String url = TestDatabase.jdbcUrl();
		properties.add("shinrai.datasource.replica-url",
				() -> url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + REPLICA);
	}

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	private String applicationName(boolean readOnly) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.setReadOnly(readOnly);
		return tx
			.execute(status -> jdbc.sql("select current_setting('application_name')").query(String.class).single());
	}

	@Test
	void aReadOnlyTransactionOfAReplicaPageReadsTheReplica() {
		assertThat(ReplicaDataSourceConfiguration.asReplicaPage(() -> applicationName(true))).isEqualTo(REPLICA);
	}

	@Test
	void aWritingTransactionOfAReplicaPageUsesThePrimary() {
		assertThat(ReplicaDataSourceConfiguration.asReplicaPage(() -> applicationName(false))).isNotEqualTo(REPLICA);
	}

	@Test
	void readOnlyTransactionsElsewhereUseThePrimary() {
		assertThat(applicationName(true)).isNotEqualTo(REPLICA);
		assertThat(jdbc.sql("select current_setting('application_name')").query(String.class).single())
			.isNotEqualTo(REPLICA);
	}

	@Test
	void theApplicationsDataSourceIsTheRoutingOne() {
		assertThat(dataSource).isInstanceOf(LazyConnectionDataSourceProxy.class);
	}

	@Test
	void theDashboardAndTheListsMayReadTheReplica() throws Exception {
		for (String page : new String[] { "/", "/customers", "/feedback", "/recovery" }) {
			MvcResult result = mvc.perform(get(page).with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isOk())
				.andReturn();
			assertThat(result.getRequest().getAttribute(ReplicaDataSourceConfiguration.REQUEST_ATTRIBUTE)).as(page)
				.isEqualTo(Boolean.TRUE);
		}
	}

	@Test
	void formPagesReadThePrimary() throws Exception {
		for (String page : new String[] { "/customers/new", "/feedback/new", "/import" }) {
			MvcResult result = mvc.perform(get(page).with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andReturn();
			assertThat(result.getRequest().getAttribute(ReplicaDataSourceConfiguration.REQUEST_ATTRIBUTE)).as(page)
				.isNull();
		}
	}

	@Test
	void aBrowserThatPostedReadsItsOwnWritesFromThePrimary() throws Exception {
		MvcResult posted = mvc.perform(post("/customers").with(user(users.user(TestUsers.MANAGER))).with(csrf()))
			.andExpect(cookie().maxAge(ReplicaDataSourceConfiguration.PRIMARY_COOKIE, 10))
			.andReturn();
		Cookie primary = posted.getResponse().getCookie(ReplicaDataSourceConfiguration.PRIMARY_COOKIE);

		MvcResult page = mvc.perform(get("/customers").with(user(users.user(TestUsers.MANAGER))).cookie(primary))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(page.getRequest().getAttribute(ReplicaDataSourceConfiguration.REQUEST_ATTRIBUTE)).isNull();
	}

	@Test
	void aReplicaPageFallsBackToThePrimaryWhenTheReplicaIsAway() throws SQLException {
		DataSource away = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/none");
		DataSource routing = ReplicaDataSourceConfiguration.routing(dataSource, away);
		String name = ReplicaDataSourceConfiguration.asReplicaPage(() -> {
			try (Connection connection = routing.getConnection()) {
				connection.setReadOnly(true);
				var result = connection.createStatement().executeQuery("select current_setting('application_name')");
				result.next();
				return result.getString(1);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(name).isNotEqualTo(REPLICA);
	}

}
