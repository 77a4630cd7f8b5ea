package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OverdueCaseJobIntegrationTests {

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
	private LockProvider lockProvider;

	private RecoveryFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
	}

	@Test
	void marksOpenCasesPastTheirDueTimeAndClearsCasesNoLongerOverdue() {
		long overdue = openCase();
		long notYetDue = openCase();
		long acknowledgedLate = openCase();
		makeOverdue(overdue);
		makeOverdue(acknowledgedLate);
		job.markOverdueCases();
		assertThat(overdueSince(acknowledgedLate)).isPresent();

		recoveryCases.apply(acknowledgedLate, version(acknowledgedLate), RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER);
		job.markOverdueCases();

		assertThat(overdueSince(overdue)).isPresent();
		assertThat(overdueSince(notYetDue)).isEmpty();
		assertThat(overdueSince(acknowledgedLate)).isEmpty();
		// the board counts by due time, so it agrees with the flag
		assertThat(recoveryCases.details(overdue).overdue()).isTrue();
		assertThat(recoveryCases.details(notYetDue).overdue()).isFalse();
	}

	@Test
	void aSecondRunChangesNothing() {
		long overdue = openCase();
		makeOverdue(overdue);
		job.markOverdueCases();
		Instant firstNoticed = overdueSince(overdue).orElseThrow();
		long version = version(overdue);

		job.markOverdueCases();

		assertThat(overdueSince(overdue)).contains(firstNoticed);
		assertThat(version(overdue)).as("the flag is no user edit: it never makes a manager's save fail")
			.isEqualTo(version);
	}

	@Test
	void takesTheShedLockSoAnInstanceRunningItMeanwhileIsSkipped() {
		long overdue = openCase();
		makeOverdue(overdue);
		job.markOverdueCases();
		assertThat(jdbc.sql(
				"select count(*) from shedlock where name = ? and locked_by <> '' and lock_until <= now() at time zone 'utc'")
			.param(OverdueCaseJob.LOCK_NAME)
			.query(Long.class)
			.single()).as("the lock row, released after the run").isEqualTo(1);

		long another = openCase();
		makeOverdue(another);
		// another instance holds the lock: this instance's run is skipped
		SimpleLock otherInstance = lockProvider
			.lock(new LockConfiguration(Instant.now(), OverdueCaseJob.LOCK_NAME, Duration.ofMinutes(5), Duration.ZERO))
			.orElseThrow();
		try {
			job.markOverdueCases();
			assertThat(overdueSince(another)).isEmpty();
		}
		finally {
			otherInstance.unlock();
		}

		job.markOverdueCases();
		assertThat(overdueSince(another)).isPresent();
	}

	private long openCase() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		return recoveryCases.ofCustomer(customer).get(0).id();
	}

	private void makeOverdue(long caseId) {
		Instant opened = Instant.now().minus(Duration.ofHours(30));
		jdbc.sql("update recovery_case set opened_at = ?, acknowledge_due_at = ? where id = ?")
			.params(Timestamp.from(opened), Timestamp.from(opened.plus(Duration.ofHours(24))), caseId)
			.update();
	}

	private Optional<Instant> overdueSince(long caseId) {
		return jdbc.sql("select overdue_since from recovery_case where id = ?")
			.param(caseId)
			.query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
	}

	private long version(long caseId) {
		return recoveryCases.details(caseId).version();
	}

}
