package io.shinrai.recovery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.Source;
import io.shinrai.recovery.RecoveryFixtures.Feedback;
import io.shinrai.scoring.CustomerStatus;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@IntegrationTest
class RecoveryCaseOpenerIntegrationTests {

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
	private RecoveryCaseRepository repository;

	private RecoveryFixtures fixtures;

	private ExecutorService pool;

	@BeforeEach
	void setUp() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
	}

	@AfterEach
	void tearDown() {
		if (pool != null) {
			pool.shutdownNow();
		}
	}

	@Test
	void opensACaseForNegativeFeedbackOwnedByTheManagerWhoLoggedIt() {
		long customer = fixtures.customer();
		Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		long feedback = fixtures.logNegative(customer, TestUsers.MANAGER);

		RecoveryCase opened = onlyCaseOf(customer);
		assertThat(opened.getStatus()).isEqualTo(RecoveryStatus.OPEN);
		assertThat(opened.getOwner()).isEqualTo(TestUsers.MANAGER);
		assertThat(opened.getOpenedAt()).isAfterOrEqualTo(before.minusMillis(1));
		assertThat(Duration.between(opened.getOpenedAt(), opened.getAcknowledgeDueAt()))
			.isEqualTo(Duration.ofHours(24));
		// the customer's trust and status at opening include the negative entry
		assertThat(opened.getStatusAtOpening()).isEqualTo(CustomerStatus.WATCH);
		assertThat(opened.getTrustAtOpening()).isNotNull().isLessThan(50.0);
		assertThat(entriesOf(opened.getId())).containsExactly(feedback);
	}

	@Test
	void leavesACaseUnassignedWhenStaffOrAnUnknownUserLoggedTheEntry() {
		long byStaff = fixtures.customer();
		long byImportJob = fixtures.customer();
		fixtures.logNegative(byStaff, TestUsers.STAFF);
		fixtures.logNegative(byImportJob, "no-such-user");

		assertThat(onlyCaseOf(byStaff).getOwner()).isNull();
		assertThat(onlyCaseOf(byImportJob).getOwner()).isNull();
	}

	@Test
	void opensNothingForNegativeHistoryOlderThanTheRiskWindow() {
		long customer = fixtures.customer();
		fixtures.log(Feedback.negative(customer, Instant.now().minus(91, ChronoUnit.DAYS), TestUsers.MANAGER));
		assertThat(recoveryCases.ofCustomer(customer)).isEmpty();

		fixtures.log(Feedback.negative(customer, Instant.now().minus(89, ChronoUnit.DAYS), TestUsers.MANAGER));
		assertThat(recoveryCases.ofCustomer(customer)).hasSize(1);
	}

	@Test
	void opensNothingForFeedbackThatIsNotNegative() {
		long customer = fixtures.customer();
		fixtures.log(Feedback.positive(customer, Instant.now(), TestUsers.MANAGER));

		assertThat(recoveryCases.ofCustomer(customer)).isEmpty();
	}

	@Test
	void recordsNoTrustAtOpeningWhenTheCustomerHasNoScoreYet() {
		long customer = fixtures.customer();
		// NPS only: negative, but no observation for the trust score
		fixtures.log(
				new Feedback(customer, Instant.now(), java.util.Map.of(), List.of(), 2, TestUsers.MANAGER, Source.API));

		RecoveryCase opened = onlyCaseOf(customer);
		assertThat(opened.getTrustAtOpening()).isNull();
		assertThat(opened.getStatusAtOpening()).isEqualTo(CustomerStatus.WATCH);
	}

	@Test
	void attachesFurtherNegativeEntriesToTheOpenCase() {
		long customer = fixtures.customer();
		long first = fixtures.logNegative(customer, TestUsers.MANAGER);
		long second = fixtures.logNegative(customer, TestUsers.ADMIN);

		RecoveryCase only = onlyCaseOf(customer);
		assertThat(only.getOwner()).isEqualTo(TestUsers.MANAGER);
		assertThat(entriesOf(only.getId())).containsExactly(first, second);
	}

	@Test
	void attachesToAnAcknowledgedCaseWithoutChangingIt() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		RecoveryCase acknowledged = moveTo(onlyCaseOf(customer), RecoveryStatus.ACKNOWLEDGED);

		long later = fixtures.logNegative(customer, TestUsers.MANAGER);

		RecoveryCase after = onlyCaseOf(customer);
		assertThat(after.getStatus()).isEqualTo(RecoveryStatus.ACKNOWLEDGED);
		assertThat(after.getVersion()).isEqualTo(acknowledged.getVersion());
		assertThat(entriesOf(after.getId())).contains(later).hasSize(2);
	}

	@Test
	void reopensAResolvedCaseWithANewDueTimeAndAttachesTheEntry() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		RecoveryCase resolved = moveTo(onlyCaseOf(customer), RecoveryStatus.RESOLVED);

		Instant beforeReopening = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusMillis(1);
		long again = fixtures.logNegative(customer, TestUsers.MANAGER);

		RecoveryCase reopened = onlyCaseOf(customer);
		assertThat(reopened.getId()).isEqualTo(resolved.getId());
		assertThat(reopened.getStatus()).isEqualTo(RecoveryStatus.OPEN);
		assertThat(reopened.getReopenedCount()).isEqualTo(1);
		assertThat(reopened.getReopenedAt()).isAfterOrEqualTo(beforeReopening);
		assertThat(reopened.getAcknowledgeDueAt()).isEqualTo(reopened.getReopenedAt().plus(Duration.ofHours(24)));
		assertThat(reopened.getAcknowledgedAt()).isNull();
		assertThat(reopened.getResolvedAt()).isNull();
		assertThat(entriesOf(reopened.getId())).contains(again).hasSize(2);
		assertThat(jdbc
			.sql("select actor || ' ' || summary || ' ' || before_state || '>' || after_state"
					+ " from audit_event where subject = ?")
			.param(RecoveryCases.auditSubject(reopened.getId()))
			.query(String.class)
			.list())
			.anyMatch(line -> line.startsWith("system Reopened by negative feedback " + again)
					&& line.endsWith("RESOLVED>OPEN"));
	}

	@Test
	void opensANewCaseWhenTheCustomersCaseIsClosed() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		RecoveryCase closed = moveTo(onlyCaseOf(customer), RecoveryStatus.CLOSED);

		long again = fixtures.logNegative(customer, TestUsers.MANAGER);

		List<CaseSummary> cases = recoveryCases.ofCustomer(customer);
		assertThat(cases).hasSize(2);
		assertThat(cases.get(0).id()).isNotEqualTo(closed.getId());
		assertThat(cases.get(0).status()).isEqualTo(RecoveryStatus.OPEN);
		assertThat(cases.get(0).entryIds()).containsExactly(again);
		assertThat(cases.get(1).status()).isEqualTo(RecoveryStatus.CLOSED);
		assertThat(cases.get(1).entryIds()).hasSize(1);
	}

	@Test
	void attachesTheSameEntryOnceWhenItsEventIsDeliveredAgain() {
		long customer = fixtures.customer();
		long feedback = fixtures.logNegative(customer, TestUsers.MANAGER);
		moveTo(onlyCaseOf(customer), RecoveryStatus.CLOSED);

		fixtures.publishAgain(List.of(feedback, feedback));

		// no second case for an entry that already caused one, even though that case is
		// closed now
		List<CaseSummary> cases = recoveryCases.ofCustomer(customer);
		assertThat(cases).singleElement().satisfies(only -> {
			assertThat(only.status()).isEqualTo(RecoveryStatus.CLOSED);
			assertThat(only.entryIds()).containsExactly(feedback);
		});
	}

	@Test
	void handlesAnImportBatchOfManyEntriesForSeveralCustomersInOneGo() {
		long reopenedCustomer = fixtures.customer();
		long attachedCustomer = fixtures.customer();
		long closedCustomer = fixtures.customer();
		fixtures.logNegative(reopenedCustomer, TestUsers.MANAGER);
		fixtures.logNegative(attachedCustomer, TestUsers.MANAGER);
		fixtures.logNegative(closedCustomer, TestUsers.MANAGER);
		long resolvedCase = moveTo(onlyCaseOf(reopenedCustomer), RecoveryStatus.RESOLVED).getId();
		long openCase = onlyCaseOf(attachedCustomer).getId();
		long closedCase = moveTo(onlyCaseOf(closedCustomer), RecoveryStatus.CLOSED).getId();

		List<Long> customers = new ArrayList<>(List.of(reopenedCustomer, attachedCustomer, closedCustomer));
		for (int i = 0; i < 37; i++) {
			customers.add(fixtures.customer());
		}
		// 40 customers × 25 rows, every fifth row positive: 800 negative entries
		List<Feedback> batch = new ArrayList<>();
		Instant receivedAt = Instant.now().minus(Duration.ofDays(2));
		for (int row = 0; row < 25; row++) {
			for (long customer : customers) {
				batch.add(row % 5 == 4 ? Feedback.positive(customer, receivedAt, TestUsers.MANAGER).from(Source.CSV)
						: Feedback.negative(customer, receivedAt, TestUsers.MANAGER).from(Source.CSV));
			}
		}
		List<Long> ids = fixtures.importBatch(batch);

		Long[] customerIds = customers.toArray(Long[]::new);
		assertThat(jdbc
			.sql("select count(*) from recovery_case_entry e join recovery_case c on c.id = e.case_id"
					+ " where c.customer_id = any(?) and e.feedback_id = any(?)")
			.params(customerIds, ids.toArray(Long[]::new))
			.query(Long.class)
			.single()).isEqualTo(800);
		for (long customer : customers) {
			List<CaseSummary> notClosed = recoveryCases.ofCustomer(customer)
				.stream()
				.filter(c -> c.status() != RecoveryStatus.CLOSED)
				.toList();
			assertThat(notClosed).as("not-closed cases of customer %d", customer).singleElement();
			assertThat(notClosed.get(0).status()).isEqualTo(RecoveryStatus.OPEN);
			// 20 negative rows of the batch, plus the entry that opened the first three
			// customers' cases
			int earlier = customer == reopenedCustomer || customer == attachedCustomer ? 1 : 0;
			assertThat(notClosed.get(0).entryIds()).hasSize(20 + earlier);
		}
		assertThat(onlyNotClosedCaseOf(reopenedCustomer).getId()).isEqualTo(resolvedCase);
		assertThat(onlyNotClosedCaseOf(reopenedCustomer).getReopenedCount()).isEqualTo(1);
		assertThat(onlyNotClosedCaseOf(attachedCustomer).getId()).isEqualTo(openCase);
		assertThat(onlyNotClosedCaseOf(closedCustomer).getId()).isNotEqualTo(closedCase);

		// importing the same rows again publishes no event for them; a re-delivered batch
		// event changes nothing
		fixtures.publishAgain(ids);
		assertThat(jdbc.sql("select count(*) from recovery_case where customer_id = any(?)")
			.param(customerIds)
			.query(Long.class)
			.single()).isEqualTo(41);
		assertThat(jdbc.sql("select count(*) from recovery_case_entry where feedback_id = any(?)")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.single()).isEqualTo(800);
	}

	@Test
	void concurrentNegativeEntriesForOneCustomerOpenOneCase() throws Exception {
		long customer = fixtures.customer();
		CountDownLatch firstOpenedItsCase = new CountDownLatch(1);
		CountDownLatch firstMayCommit = new CountDownLatch(1);
		pool = Executors.newFixedThreadPool(2);

		Future<Long> first = pool.submit(() -> transactions.execute(status -> {
			// stored and published inside this transaction, which stays open until the
			// second entry waits
			long id = fixtures.log(Feedback.negative(customer, Instant.now(), TestUsers.MANAGER));
			firstOpenedItsCase.countDown();
			try {
				firstMayCommit.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return id;
		}));
		assertThat(firstOpenedItsCase.await(60, TimeUnit.SECONDS)).isTrue();
		Future<Long> second = pool.submit(() -> fixtures.logNegative(customer, TestUsers.ADMIN));
		// the second transaction reaches the one-case-per-customer index and waits for
		// the first
		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
				select count(*) from pg_stat_activity
				where wait_event_type = 'Lock' and query like '%insert into recovery_case %'
				""").query(Long.class).single() > 0);
		firstMayCommit.countDown();

		long firstEntry = first.get(60, TimeUnit.SECONDS);
		long secondEntry = second.get(60, TimeUnit.SECONDS);
		RecoveryCase only = onlyCaseOf(customer);
		assertThat(only.getOwner()).isEqualTo(TestUsers.MANAGER);
		assertThat(entriesOf(only.getId())).containsExactly(firstEntry, secondEntry);
	}

	private RecoveryCase onlyCaseOf(long customer) {
		List<CaseSummary> cases = recoveryCases.ofCustomer(customer);
		assertThat(cases).as("cases of customer %d", customer).hasSize(1);
		return repository.findById(cases.get(0).id()).orElseThrow();
	}

	private RecoveryCase onlyNotClosedCaseOf(long customer) {
		return recoveryCases.ofCustomer(customer)
			.stream()
			.filter(c -> c.status() != RecoveryStatus.CLOSED)
			.map(c -> repository.findById(c.id()).orElseThrow())
			.findFirst()
			.orElseThrow();
	}

	private List<Long> entriesOf(long caseId) {
		return jdbc.sql("select feedback_id from recovery_case_entry where case_id = ? order by feedback_id")
			.param(caseId)
			.query(Long.class)
			.list();
	}

	/** Works the case forward through the service, as a manager would. */
	private RecoveryCase moveTo(RecoveryCase recoveryCase, RecoveryStatus target) {
		List<RecoveryAction> path = switch (target) {
			case OPEN -> List.of();
			case ACKNOWLEDGED -> List.of(RecoveryAction.ACKNOWLEDGE);
			case RESOLVED -> List.of(RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE);
			case CLOSED -> List.of(RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE, RecoveryAction.CLOSE);
		};
		long id = recoveryCase.getId();
		for (RecoveryAction action : path) {
			long version = repository.findById(id).orElseThrow().getVersion();
			recoveryCases.apply(id, version, action, TestUsers.MANAGER);
		}
		RecoveryCase moved = repository.findById(id).orElseThrow();
		assertThat(moved.getStatus()).isEqualTo(target);
		return moved;
	}

}
