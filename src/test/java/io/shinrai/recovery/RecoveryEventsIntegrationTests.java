package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.CustomerStatusChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events recovery (and scoring, for the customer's status) publish for the
 * notifications.
 */
@IntegrationTest
@RecordApplicationEvents
class RecoveryEventsIntegrationTests {

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

	@Autowired
	private OverdueCaseJob job;

	@Autowired
	private ApplicationEvents published;

	private RecoveryFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
	}

	@Test
	void openingMovingAndFlaggingACasePublishOneEventEach() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		long caseId = recoveryCases.ofCustomer(customer).get(0).id();
		assertThat(published.stream(RecoveryCasesOpened.class)).singleElement().satisfies(opened -> {
			assertThat(opened.importId()).isNull();
			assertThat(opened.cases()).singleElement().satisfies(openedCase -> {
				assertThat(openedCase.caseId()).isEqualTo(caseId);
				assertThat(openedCase.customerId()).isEqualTo(customer);
				assertThat(openedCase.owner()).isEqualTo(TestUsers.MANAGER);
			});
		});
		// a second negative entry joins the case: no new case, no event
		fixtures.logNegative(customer, TestUsers.MANAGER);
		assertThat(published.stream(RecoveryCasesOpened.class)).hasSize(1);

		Instant opened = Instant.now().minus(Duration.ofHours(30));
		jdbc.sql("update recovery_case set opened_at = ?, acknowledge_due_at = ? where id = ?")
			.params(Timestamp.from(opened), Timestamp.from(opened.plus(Duration.ofHours(24))), caseId)
			.update();
		job.markOverdueCases();
		job.markOverdueCases();
		assertThat(published.stream(RecoveryCasesOverdue.class)
			.flatMap(event -> event.cases().stream())
			.filter(overdue -> overdue.caseId() == caseId)).singleElement()
			.satisfies(overdue -> assertThat(overdue.overdueSince()).isNotNull());

		recoveryCases.apply(caseId, recoveryCases.details(caseId).version(), RecoveryAction.ACKNOWLEDGE,
				TestUsers.MANAGER);
		assertThat(published.stream(RecoveryCaseStatusChanged.class)).singleElement().satisfies(changed -> {
			assertThat(changed.caseId()).isEqualTo(caseId);
			assertThat(changed.from()).isEqualTo(RecoveryStatus.OPEN);
			assertThat(changed.to()).isEqualTo(RecoveryStatus.ACKNOWLEDGED);
			assertThat(changed.actor()).isEqualTo(TestUsers.MANAGER);
		});
	}

	@Test
	void anImportBatchOpensItsCasesWithOneEventAndTheCustomersStatusChangesOnlyOnce() {
		long first = fixtures.customer();
		long second = fixtures.customer();
		fixtures.importBatch(List.of(RecoveryFixtures.Feedback.negative(first, Instant.now(), TestUsers.MANAGER),
				RecoveryFixtures.Feedback.negative(second, Instant.now(), TestUsers.MANAGER)));
		assertThat(published.stream(RecoveryCasesOpened.class)).singleElement()
			.satisfies(opened -> assertThat(opened.cases()).hasSize(2));
		assertThat(published.stream(CustomerStatusChanged.class)
			.flatMap(event -> event.changes().stream())
			.filter(change -> change.customerId() == first)).singleElement().satisfies(change -> {
				assertThat(change.from()).isEqualTo(CustomerStatus.OK);
				assertThat(change.to()).isEqualTo(CustomerStatus.WATCH);
			});

		// a positive entry changes nothing about the status: no event for the customer
		fixtures.log(RecoveryFixtures.Feedback.positive(first, Instant.now(), TestUsers.MANAGER));
		assertThat(published.stream(CustomerStatusChanged.class)
			.flatMap(event -> event.changes().stream())
			.filter(change -> change.customerId() == first)).hasSize(1);
	}

}
