package io.shinrai.recovery;

import java.time.Duration;
import java.time.Instant;

import io.shinrai.scoring.CustomerStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecoveryCaseTests {

	private static final Instant OPENED = Instant.parse("2026-05-01T00:00:00Z");

	private static final Duration DAY = Duration.ofHours(24);

	private static RecoveryCase openCase() {
		return RecoveryCase.open(7, null, 42.5, CustomerStatus.WATCH, OPENED, DAY);
	}

	private static RecoveryCase caseIn(RecoveryStatus status) {
		RecoveryCase recoveryCase = openCase();
		if (status.compareTo(RecoveryStatus.ACKNOWLEDGED) >= 0) {
			recoveryCase.acknowledge("anna", OPENED.plusSeconds(3600));
		}
		if (status.compareTo(RecoveryStatus.RESOLVED) >= 0) {
			recoveryCase.resolve(OPENED.plusSeconds(7200));
		}
		if (status == RecoveryStatus.CLOSED) {
			recoveryCase.close(OPENED.plusSeconds(10800));
		}
		return recoveryCase;
	}

	@Test
	void opensWithTheDueTimeOfThePolicyAndTheCustomersStateAtOpening() {
		RecoveryCase recoveryCase = RecoveryCase.open(7, "anna", null, CustomerStatus.AT_RISK, OPENED,
				Duration.ofHours(8));

		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.OPEN);
		assertThat(recoveryCase.getOwner()).isEqualTo("anna");
		assertThat(recoveryCase.getAcknowledgeDueAt()).isEqualTo(Instant.parse("2026-05-01T08:00:00Z"));
		assertThat(recoveryCase.getTrustAtOpening()).isNull();
		assertThat(recoveryCase.getStatusAtOpening()).isEqualTo(CustomerStatus.AT_RISK);
		assertThat(recoveryCase.allowedActions()).containsExactly(RecoveryAction.ACKNOWLEDGE);
	}

	@Test
	void acknowledgingMakesAnUnassignedCaseTheAcknowledgersAndClearsOverdue() {
		RecoveryCase recoveryCase = openCase();
		Instant at = OPENED.plus(Duration.ofHours(30));

		recoveryCase.acknowledge("anna", at);

		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.ACKNOWLEDGED);
		assertThat(recoveryCase.getAcknowledgedAt()).isEqualTo(at);
		assertThat(recoveryCase.getOwner()).isEqualTo("anna");
		assertThat(recoveryCase.getOverdueSince()).isNull();
		assertThat(recoveryCase.isOverdue(at.plusSeconds(1))).isFalse();
		assertThat(recoveryCase.allowedActions()).containsExactly(RecoveryAction.RESOLVE);
	}

	@Test
	void acknowledgingKeepsAnExistingOwner() {
		RecoveryCase recoveryCase = RecoveryCase.open(7, "ben", 10.0, CustomerStatus.WATCH, OPENED, DAY);

		recoveryCase.acknowledge("anna", OPENED.plusSeconds(60));

		assertThat(recoveryCase.getOwner()).isEqualTo("ben");
	}

	@Test
	void resolvesAnAcknowledgedCase() {
		RecoveryCase recoveryCase = caseIn(RecoveryStatus.ACKNOWLEDGED);
		Instant at = OPENED.plus(Duration.ofDays(3));

		recoveryCase.resolve(at);

		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.RESOLVED);
		assertThat(recoveryCase.getResolvedAt()).isEqualTo(at);
		assertThat(recoveryCase.allowedActions()).containsExactlyInAnyOrder(RecoveryAction.CLOSE,
				RecoveryAction.REOPEN);
	}

	@Test
	void closesAResolvedCaseForGood() {
		RecoveryCase recoveryCase = caseIn(RecoveryStatus.RESOLVED);
		Instant at = OPENED.plus(Duration.ofDays(10));

		recoveryCase.close(at);

		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.CLOSED);
		assertThat(recoveryCase.getClosedAt()).isEqualTo(at);
		assertThat(recoveryCase.getResolvedAt()).as("kept for the measures").isNotNull();
		assertThat(recoveryCase.allowedActions()).isEmpty();
	}

	@Test
	void reopensAResolvedCaseWithANewDueTimeAndANewRound() {
		RecoveryCase recoveryCase = caseIn(RecoveryStatus.RESOLVED);
		Instant at = OPENED.plus(Duration.ofDays(20));

		recoveryCase.reopen(at, Duration.ofHours(4));

		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.OPEN);
		assertThat(recoveryCase.getReopenedCount()).isEqualTo(1);
		assertThat(recoveryCase.getReopenedAt()).isEqualTo(at);
		assertThat(recoveryCase.getAcknowledgeDueAt()).isEqualTo(at.plus(Duration.ofHours(4)));
		assertThat(recoveryCase.getAcknowledgedAt()).isNull();
		assertThat(recoveryCase.getResolvedAt()).isNull();
		assertThat(recoveryCase.getOpenedAt()).isEqualTo(OPENED);
		assertThat(recoveryCase.getOwner()).as("the owner stays on it").isEqualTo("anna");

		recoveryCase.acknowledge("anna", at.plusSeconds(60));
		recoveryCase.resolve(at.plusSeconds(120));
		recoveryCase.reopen(at.plusSeconds(180), DAY);
		assertThat(recoveryCase.getReopenedCount()).isEqualTo(2);
	}

	@Test
	void appliesEachActionLikeItsMethod() {
		RecoveryCase recoveryCase = openCase();
		recoveryCase.apply(RecoveryAction.ACKNOWLEDGE, "anna", OPENED.plusSeconds(1), DAY);
		recoveryCase.apply(RecoveryAction.RESOLVE, "anna", OPENED.plusSeconds(2), DAY);
		recoveryCase.apply(RecoveryAction.REOPEN, "anna", OPENED.plusSeconds(3), DAY);
		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.OPEN);
		recoveryCase.apply(RecoveryAction.ACKNOWLEDGE, "anna", OPENED.plusSeconds(4), DAY);
		recoveryCase.apply(RecoveryAction.RESOLVE, "anna", OPENED.plusSeconds(5), DAY);
		recoveryCase.apply(RecoveryAction.CLOSE, "anna", OPENED.plusSeconds(6), DAY);
		assertThat(recoveryCase.getStatus()).isEqualTo(RecoveryStatus.CLOSED);
	}

	@Test
	void isOverdueOnlyWhileOpenAfterItsDueTime() {
		RecoveryCase recoveryCase = openCase();
		Instant due = recoveryCase.getAcknowledgeDueAt();

		assertThat(recoveryCase.isOverdue(due)).isFalse();
		assertThat(recoveryCase.isOverdue(due.plusMillis(1))).isTrue();
		recoveryCase.acknowledge("anna", due.plusSeconds(5));
		assertThat(recoveryCase.isOverdue(due.plusSeconds(10))).isFalse();
	}

	@Test
	void changesOwnerWhileNotClosed() {
		RecoveryCase recoveryCase = caseIn(RecoveryStatus.RESOLVED);

		recoveryCase.assignTo("ben");

		assertThat(recoveryCase.getOwner()).isEqualTo("ben");
	}

	@Test
	void keepsNotesWithAuthorTimeAndTrimmedText() {
		RecoveryCase recoveryCase = caseIn(RecoveryStatus.CLOSED);
		Instant at = OPENED.plus(Duration.ofDays(30));

		recoveryCase.addNote("anna", "  Called back; all good.\n", at);
		recoveryCase.addNote("ben", "x".repeat(RecoveryNote.MAX_LENGTH), at.plusSeconds(1));

		assertThat(recoveryCase.getNotes()).extracting(RecoveryNote::getAuthor, RecoveryNote::getWrittenAt)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("anna", at),
					org.assertj.core.groups.Tuple.tuple("ben", at.plusSeconds(1)));
		assertThat(recoveryCase.getNotes().get(0).getText()).isEqualTo("Called back; all good.");
	}

	@Nested
	class Refuses {

		@ParameterizedTest
		@EnumSource(value = RecoveryStatus.class, names = "OPEN", mode = EnumSource.Mode.EXCLUDE)
		void toAcknowledgeACaseThatIsNotOpen(RecoveryStatus status) {
			RecoveryCase recoveryCase = caseIn(status);

			assertThatThrownBy(() -> recoveryCase.acknowledge("ben", OPENED.plusSeconds(99999)))
				.isInstanceOf(CaseRefusedException.CannotAcknowledge.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.acknowledge");
			assertThat(recoveryCase.getStatus()).isEqualTo(status);
		}

		@ParameterizedTest
		@EnumSource(value = RecoveryStatus.class, names = "ACKNOWLEDGED", mode = EnumSource.Mode.EXCLUDE)
		void toResolveACaseThatIsNotAcknowledged(RecoveryStatus status) {
			RecoveryCase recoveryCase = caseIn(status);

			assertThatThrownBy(() -> recoveryCase.resolve(OPENED.plusSeconds(99999)))
				.isInstanceOf(CaseRefusedException.CannotResolve.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.resolve");
			assertThat(recoveryCase.getStatus()).isEqualTo(status);
		}

		@ParameterizedTest
		@EnumSource(value = RecoveryStatus.class, names = "RESOLVED", mode = EnumSource.Mode.EXCLUDE)
		void toCloseACaseThatIsNotResolved(RecoveryStatus status) {
			RecoveryCase recoveryCase = caseIn(status);

			assertThatThrownBy(() -> recoveryCase.close(OPENED.plusSeconds(99999)))
				.isInstanceOf(CaseRefusedException.CannotClose.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.close");
			assertThat(recoveryCase.getStatus()).isEqualTo(status);
			assertThat(recoveryCase.getClosedAt())
				.isEqualTo(status == RecoveryStatus.CLOSED ? OPENED.plusSeconds(10800) : null);
		}

		@ParameterizedTest
		@EnumSource(value = RecoveryStatus.class, names = "RESOLVED", mode = EnumSource.Mode.EXCLUDE)
		void toReopenACaseThatIsNotResolved(RecoveryStatus status) {
			RecoveryCase recoveryCase = caseIn(status);
			Instant due = recoveryCase.getAcknowledgeDueAt();

			assertThatThrownBy(() -> recoveryCase.reopen(OPENED.plusSeconds(99999), DAY))
				.isInstanceOf(CaseRefusedException.CannotReopen.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.reopen");
			assertThat(recoveryCase.getStatus()).isEqualTo(status);
			assertThat(recoveryCase.getAcknowledgeDueAt()).isEqualTo(due);
			assertThat(recoveryCase.getReopenedCount()).isZero();
		}

		@Test
		void toChangeTheOwnerOfAClosedCase() {
			RecoveryCase recoveryCase = caseIn(RecoveryStatus.CLOSED);

			assertThatThrownBy(() -> recoveryCase.assignTo("ben")).isInstanceOf(CaseRefusedException.CaseClosed.class)
				.extracting(ex -> ((CaseRefusedException) ex).messageKey())
				.isEqualTo("recovery.refused.closed");
			assertThat(recoveryCase.getOwner()).isEqualTo("anna");
		}

		@Test
		void blankAndTooLongNotes() {
			RecoveryCase recoveryCase = openCase();

			for (String text : new String[] { null, "", "  \n\t ", "x".repeat(RecoveryNote.MAX_LENGTH + 1) }) {
				assertThatThrownBy(() -> recoveryCase.addNote("anna", text, OPENED))
					.isInstanceOf(CaseRefusedException.InvalidNote.class)
					.extracting(ex -> ((CaseRefusedException) ex).messageArgs())
					.isEqualTo(new Object[] { RecoveryNote.MAX_LENGTH });
			}
			assertThat(recoveryCase.getNotes()).isEmpty();
		}

		@Test
		void aDueTimeThatIsNotInTheFuture() {
			assertThatThrownBy(() -> RecoveryCase.open(7, null, null, CustomerStatus.OK, OPENED, Duration.ZERO))
				.isInstanceOf(IllegalArgumentException.class);
		}

	}

}
