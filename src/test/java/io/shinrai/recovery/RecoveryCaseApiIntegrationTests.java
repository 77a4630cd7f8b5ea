package io.shinrai.recovery;

import java.time.Duration;
import java.time.Instant;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class RecoveryCaseApiIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryCases recoveryCases;

	private RecoveryFixtures fixtures;

	private long customer;

	private String reference;

	@BeforeEach
	void setUp() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		customer = fixtures.customer();
		reference = fixtures.reference(customer);
	}

	@Test
	void listsTheCasesOfACustomerWithTimesOwnerAndCausingEntries() throws Exception {
		long first = fixtures.logNegative(customer, TestUsers.MANAGER);
		long second = fixtures.logNegative(customer, TestUsers.MANAGER);
		long caseId = recoveryCases.ofCustomer(customer).get(0).id();
		recoveryCases.apply(caseId, recoveryCases.details(caseId).version(), RecoveryAction.ACKNOWLEDGE,
				TestUsers.ADMIN);
		CaseSummary stored = recoveryCases.ofCustomer(customer).get(0);

		mvc.perform(get("/api/v1/recovery-cases").param("customerRef", reference)
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.totalElements").value(1))
			.andExpect(jsonPath("$.page").value(0))
			.andExpect(jsonPath("$.size").value(20))
			.andExpect(jsonPath("$.content", hasSize(1)))
			.andExpect(jsonPath("$.content[0].id").value(caseId))
			.andExpect(jsonPath("$.content[0].customerRef").value(reference))
			.andExpect(jsonPath("$.content[0].status").value("ACKNOWLEDGED"))
			.andExpect(jsonPath("$.content[0].owner").value(TestUsers.MANAGER))
			.andExpect(jsonPath("$.content[0].openedAt").value(stored.openedAt().toString()))
			.andExpect(jsonPath("$.content[0].acknowledgeDueAt")
				.value(stored.openedAt().plus(Duration.ofHours(24)).toString()))
			.andExpect(jsonPath("$.content[0].acknowledgedAt").value(stored.acknowledgedAt().toString()))
			.andExpect(jsonPath("$.content[0].resolvedAt").value(nullValue()))
			.andExpect(jsonPath("$.content[0].closedAt").value(nullValue()))
			.andExpect(jsonPath("$.content[0].overdue").value(false))
			.andExpect(jsonPath("$.content[0].entryIds[0]").value(first))
			.andExpect(jsonPath("$.content[0].entryIds[1]").value(second));
	}

	@Test
	void filtersByStatusInAnyCaseAndPagesNewestFirst() throws Exception {
		fixtures.logNegative(customer, TestUsers.MANAGER);
		long closed = recoveryCases.ofCustomer(customer).get(0).id();
		for (RecoveryAction action : new RecoveryAction[] { RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE,
				RecoveryAction.CLOSE }) {
			recoveryCases.apply(closed, recoveryCases.details(closed).version(), action, TestUsers.MANAGER);
		}
		fixtures.log(RecoveryFixtures.Feedback.negative(customer, Instant.now(), TestUsers.STAFF));
		long open = recoveryCases.ofCustomer(customer).get(0).id();

		mvc.perform(get("/api/v1/recovery-cases").param("customerRef", reference)
			.param("status", "closed")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(jsonPath("$.content", hasSize(1)))
			.andExpect(jsonPath("$.content[0].id").value(closed))
			.andExpect(jsonPath("$.content[0].closedAt").isString());
		mvc.perform(get("/api/v1/recovery-cases").param("customerRef", reference)
			.param("size", "1")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(jsonPath("$.totalElements").value(2))
			.andExpect(jsonPath("$.totalPages").value(2))
			.andExpect(jsonPath("$.content[0].id").value(open))
			.andExpect(jsonPath("$.content[0].owner").value(nullValue()));
		mvc.perform(get("/api/v1/recovery-cases").param("customerRef", reference)
			.param("size", "1")
			.param("page", "1")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))).andExpect(jsonPath("$.content[0].id").value(closed));
	}

	@Test
	void hasNoCasesForAnUnknownCustomer() throws Exception {
		mvc.perform(get("/api/v1/recovery-cases").param("customerRef", "no-such-customer-" + customer)
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content", hasSize(0)))
			.andExpect(jsonPath("$.totalElements").value(0));
	}

	@Nested
	class AnswersBadRequestInJson {

		@Test
		void forAnUnknownStatus() throws Exception {
			mvc.perform(get("/api/v1/recovery-cases").param("status", "LOST")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400))
				.andExpect(jsonPath("$.errors.status").value("must be one of OPEN, ACKNOWLEDGED, RESOLVED, CLOSED"));
		}

		@Test
		void forPagesAndSizesOutOfRangeOrNotNumbers() throws Exception {
			mvc.perform(get("/api/v1/recovery-cases").param("page", "-1")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.page").isString());
			mvc.perform(get("/api/v1/recovery-cases").param("size", "101")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.size").isString());
			mvc.perform(get("/api/v1/recovery-cases").param("page", "two")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.page").value("must be a whole number"));
		}

		@Test
		void andUnauthorizedWithoutCredentials() throws Exception {
			mvc.perform(get("/api/v1/recovery-cases")).andExpect(status().isUnauthorized());
		}

	}

}
