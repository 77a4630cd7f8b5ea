package io.shinrai.recovery;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.system.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class RecoveryCasesIntegrationTests {

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

	private long customer;

	private long caseId;

	@BeforeEach
	void openACase() {
		RecoveryFixtures fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.STAFF);
		caseId = recoveryCases.ofCustomer(customer).get(0).id();
	}

	@Test
	void aManagerTakesACaseFromOpenToClosedAndEveryMoveIsAudited() {
		for (RecoveryAction action : List.of(RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE, RecoveryAction.REOPEN,
				RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE, RecoveryAction.CLOSE)) {
			recoveryCases.apply(caseId, version(), action, TestUsers.MANAGER);
		}

		CaseDetails details = recoveryCases.details(caseId);
		assertThat(details.status()).isEqualTo(RecoveryStatus.CLOSED);
		assertThat(details.owner()).as("the unassigned case became the acknowledger's").isEqualTo(TestUsers.MANAGER);
		assertThat(details.reopenedCount()).isEqualTo(1);
		assertThat(details.allowedActions()).isEmpty();
		assertThat(audit()).containsExactly(
				"manager ACKNOWLEDGE status=OPEN, owner=null > status=ACKNOWLEDGED, owner=manager",
				"manager RESOLVE status=ACKNOWLEDGED, owner=manager > status=RESOLVED, owner=manager",
				"manager REOPEN status=RESOLVED, owner=manager > status=OPEN, owner=manager",
				"manager ACKNOWLEDGE status=OPEN, owner=manager > status=ACKNOWLEDGED, owner=manager",
				"manager RESOLVE status=ACKNOWLEDGED, owner=manager > status=RESOLVED, owner=manager",
				"manager CLOSE status=RESOLVED, owner=manager > status=CLOSED, owner=manager");
	}

	@Test
	void changesTheOwnerToAManagerOrAdminAndAuditsIt() {
		recoveryCases.assign(caseId, version(), TestUsers.ADMIN, TestUsers.MANAGER);
		recoveryCases.assign(caseId, version(), TestUsers.ADMIN, TestUsers.MANAGER);

		assertThat(recoveryCases.details(caseId).owner()).isEqualTo(TestUsers.ADMIN);
		assertThat(audit()).as("assigning the same owner again changes nothing")
			.containsExactly("manager OWNER_CHANGED status=OPEN, owner=null > status=OPEN, owner=admin");
	}

	@Test
	void keepsNotesWithAuthorAndTime() {
		recoveryCases.addNote(caseId, version(), "Called the customer, apologised.", TestUsers.MANAGER);
		recoveryCases.addNote(caseId, version(), "電話で謝罪しました。", TestUsers.ADMIN);

		List<CaseDetails.Note> notes = recoveryCases.details(caseId).notes();
		assertThat(notes).extracting(CaseDetails.Note::author, CaseDetails.Note::text)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("manager", "Called the customer, apologised."),
					org.assertj.core.groups.Tuple.tuple("admin", "電話で謝罪しました。"));
		assertThat(notes.get(0).writtenAt()).isBeforeOrEqualTo(notes.get(1).writtenAt());
		assertThat(jdbc
			.sql("select actor || ' ' || summary || ' ' || coalesce(after_state, '-') from audit_event"
					+ " where subject = ? and type = 'RECOVERY_NOTE_ADDED' order by id")
			.param(RecoveryCases.auditSubject(caseId))
			.query(String.class)
			.list()).as("who wrote a note is audited, its text is not copied")
			.containsExactly("manager NOTE_ADDED -", "admin NOTE_ADDED -");
	}

	@Test
	void showsTheCustomersTrustAndStatusAtOpeningAndNow() {
		CaseDetails details = recoveryCases.details(caseId);

		assertThat(details.customerId()).isEqualTo(customer);
		assertThat(details.statusAtOpening()).isEqualTo(CustomerStatus.WATCH);
		assertThat(details.trustNow().status()).isEqualTo(CustomerStatus.WATCH);
		assertThat(details.trustNow().score().trust()).isNotNull();
		assertThat(details.entries()).hasSize(1);
		assertThat(details.overdue()).isFalse();
	}

	@Nested
	class Refuses {

		@Test
		void theSecondOfTwoManagersSavingTheSameCaseAndKeepsNothingOfIt() {
			long bothSaw = version();
			recoveryCases.apply(caseId, bothSaw, RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER);

			assertThatThrownBy(() -> recoveryCases.addNote(caseId, bothSaw, "Too late", TestUsers.ADMIN))
				.isInstanceOf(CaseRefusedException.CaseChanged.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.changed");
			assertThatThrownBy(() -> recoveryCases.assign(caseId, bothSaw, TestUsers.ADMIN, TestUsers.ADMIN))
				.isInstanceOf(CaseRefusedException.CaseChanged.class);
			assertThat(recoveryCases.details(caseId).notes()).isEmpty();
			assertThat(recoveryCases.details(caseId).owner()).isEqualTo(TestUsers.MANAGER);
		}

		@Test
		void aSaveRacingAnotherThatPassedTheVersionCheckToo() throws Exception {
			long bothSaw = version();
			assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
				// this manager's transaction has read the case ...
				assertThat(repository.findById(caseId).orElseThrow().getVersion()).isEqualTo(bothSaw);
				// ... when another manager's save commits
				try {
					CompletableFuture
						.runAsync(
								() -> recoveryCases.apply(caseId, bothSaw, RecoveryAction.ACKNOWLEDGE, TestUsers.ADMIN))
						.get(30, TimeUnit.SECONDS);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				recoveryCases.addNote(caseId, bothSaw, "Written at the same time", TestUsers.MANAGER);
			})).isInstanceOf(CaseRefusedException.CaseChanged.class);

			CaseDetails details = recoveryCases.details(caseId);
			assertThat(details.status()).isEqualTo(RecoveryStatus.ACKNOWLEDGED);
			assertThat(details.notes()).isEmpty();
		}

		@Test
		void aSaveWithoutVersion() {
			assertThatThrownBy(() -> recoveryCases.apply(caseId, null, RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER))
				.isInstanceOf(CaseRefusedException.CaseChanged.class);
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.OPEN);
		}

		@Test
		void anInvalidMoveAndRecordsNoAudit() {
			assertThatThrownBy(() -> recoveryCases.apply(caseId, version(), RecoveryAction.CLOSE, TestUsers.MANAGER))
				.isInstanceOf(CaseRefusedException.CannotClose.class);
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.OPEN);
			assertThat(audit()).isEmpty();
		}

		@Test
		void anOwnerWhoIsNotAManager() {
			for (String owner : new String[] { TestUsers.STAFF, "nobody-by-this-name", null }) {
				assertThatThrownBy(() -> recoveryCases.assign(caseId, version(), owner, TestUsers.MANAGER))
					.isInstanceOf(CaseRefusedException.OwnerNotAManager.class);
			}
			assertThat(recoveryCases.details(caseId).owner()).isNull();
		}

		@Test
		void anUnknownCaseAsNotFound() {
			assertThatThrownBy(() -> recoveryCases.details(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class);
			assertThatThrownBy(() -> recoveryCases.apply(Long.MAX_VALUE, 0L, RecoveryAction.CLOSE, TestUsers.MANAGER))
				.isInstanceOf(NotFoundException.class);
		}

	}

	private long version() {
		return recoveryCases.details(caseId).version();
	}

	private List<String> audit() {
		return jdbc
			.sql("select actor || ' ' || summary || ' ' || before_state || ' > ' || after_state"
					+ " from audit_event where subject = ? order by id")
			.param(RecoveryCases.auditSubject(caseId))
			.query(String.class)
			.list();
	}

}
