package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Source;
import io.shinrai.recovery.RecoveryFixtures.Feedback;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The measures of one segment as of a fixed instant T, on a small data set whose expected
 * values are worked out by hand in the comments.
 */
@IntegrationTest
class RecoveryMeasuresIntegrationTests {

	private static final Instant T = Instant.parse("2026-06-30T00:00:00Z");

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryMeasures measures;

	@Autowired
	private TrustScores trustScores;

	private RecoveryFixtures fixtures;

	private String segment;

	@BeforeEach
	void setUp() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		segment = "T-" + UUID.randomUUID();
	}

	@Test
	void computesEveryMeasureOfASegmentAsWorkedOutByHand() {
		// open cases: A, B, C, J, K (OPEN or ACKNOWLEDGED) = 5; overdue: A only (B and J
		// are due after T) = 1
		insertCase("A", RecoveryStatus.OPEN, T.minus(hours(30)), null, null, null, null, 40.0);
		insertCase("B", RecoveryStatus.OPEN, T.minus(hours(2)), null, null, null, null, 40.0);
		insertCase("C", RecoveryStatus.ACKNOWLEDGED, T.minus(days(10)), null, hours(2), null, null, 40.0);
		insertCase("J", RecoveryStatus.OPEN, T.minus(days(60)), T.minus(hours(1)), null, null, null, 40.0);
		// acknowledged 5 h after its reopening (65 days after its opening): counts 5 h
		insertCase("K", RecoveryStatus.ACKNOWLEDGED, T.minus(days(60)), T.minus(days(3)), hours(5), null, null, 40.0);

		// resolved in the window, customer recovered: status OK at T (its negative entry
		// is 120 days old) and
		// trust at T (about 57.7) above 30
		long d = insertCase("D", RecoveryStatus.RESOLVED, T.minus(days(20)), null, hours(4), hours(48), null, 30.0);
		fixtures.log(Feedback.negative(d, T.minus(days(120)), TestUsers.MANAGER));
		fixtures.log(Feedback.positive(d, T.minus(days(10)), TestUsers.MANAGER));
		// two cases resolved in the window: the most recently resolved one (E2, opened at
		// trust 10) counts, and
		// trust at T (about 62.7) is above it
		long e = insertCase("E", RecoveryStatus.CLOSED, T.minus(days(40)), null, hours(1), hours(24), days(5), 99.0);
		insertCaseFor(e, RecoveryStatus.CLOSED, T.minus(days(30)), null, hours(3), hours(12), days(1), 10.0);
		fixtures.log(Feedback.positive(e, T.minus(days(50)), TestUsers.MANAGER));
		// not recovered: negative again 5 days before T, so WATCH
		long f = insertCase("F", RecoveryStatus.RESOLVED, T.minus(days(5)), null, hours(8), hours(30), null, 20.0);
		fixtures.log(Feedback.negative(f, T.minus(days(5)), TestUsers.MANAGER));
		// resolved 100 days before T: outside the window for everything
		insertCase("G", RecoveryStatus.CLOSED, T.minus(days(101)), null, hours(3), hours(24), days(2), 40.0);
		// opened without a score (NPS answers only): only the status counts, and it is OK
		long h = insertCase("H", RecoveryStatus.RESOLVED, T.minus(days(3)), null, hours(6), hours(48), null, null);
		fixtures.log(new Feedback(h, T.minus(days(3)), Map.of(), List.of(), 9, TestUsers.MANAGER, Source.API));
		// not recovered: status OK but trust at T (about 62.7) below the 99 at opening
		long m = insertCase("M", RecoveryStatus.RESOLVED, T.minus(days(15)), null, hours(7), hours(24), null, 99.0);
		fixtures.log(Feedback.positive(m, T.minus(days(50)), TestUsers.MANAGER));
		// recovered: trust at T exactly where it was at opening
		long n = fixtures.customer(segment);
		fixtures.log(Feedback.positive(n, T.minus(days(50)), TestUsers.MANAGER));
		insertCaseFor(n, RecoveryStatus.RESOLVED, T.minus(days(8)), null, hours(9), hours(60), null,
				trustScores.forCustomer(n, T).score().trust());

		RecoveryMeasurement measured = measures.measure(segment, T);

		assertThat(measured.asOf()).isEqualTo(T);
		assertThat(measured.openCases()).isEqualTo(5);
		assertThat(measured.overdueCases()).isEqualTo(1);
		// acknowledged in the window: 1 (E), 2 (C), 3 (E2), 4 (D), 5 (K), 6 (H), 7 (M), 8
		// (F), 9 (N) hours → 5 h
		assertThat(measured.medianTimeToAcknowledge()).isEqualTo(hours(5));
		// resolved in the window: 12 (E2), 24 (E), 24 (M), 30 (F), 48 (D), 48 (H), 60 (N)
		// hours → 30 h
		assertThat(measured.medianTimeToResolve()).isEqualTo(hours(30));
		// customers with a case resolved in the window: D, E, F, H, M, N; recovered: D,
		// E, H, N
		assertThat(measured.resolvedCustomers()).isEqualTo(6);
		assertThat(measured.recoveredCustomers()).isEqualTo(4);
		assertThat(measured.recoveryRate()).isCloseTo(4.0 / 6, within(1e-12));
		assertThat(measured.recoveryRatePercent()).isCloseTo(66.6667, within(1e-4));
		assertThat(measured.medianHoursToAcknowledge()).isEqualTo(5.0);

		// the counts now (long after T): B and J are overdue by now as well
		assertThat(measures.counts(segment)).isEqualTo(new RecoveryMeasures.CaseCounts(5, 3));
	}

	@Test
	void takesTheMiddleOfAnEvenNumberOfTimesAndHasNoRateWithoutResolvedCases() {
		insertCase("P", RecoveryStatus.ACKNOWLEDGED, T.minus(days(1)), null, hours(1), null, null, 40.0);
		insertCase("Q", RecoveryStatus.ACKNOWLEDGED, T.minus(days(1)), null, hours(4), null, null, 40.0);

		RecoveryMeasurement measured = measures.measure(segment, T);

		assertThat(measured.medianTimeToAcknowledge()).isEqualTo(Duration.ofMinutes(150));
		assertThat(measured.medianTimeToResolve()).isNull();
		assertThat(measured.resolvedCustomers()).isZero();
		assertThat(measured.recoveryRate()).as("no resolved case: no rate, not 0").isNull();
		assertThat(measured.recoveryRatePercent()).isNull();
	}

	@Test
	void measuresNothingForASegmentWithoutCases() {
		RecoveryMeasurement measured = measures.measure(segment, T);

		assertThat(measured).isEqualTo(new RecoveryMeasurement(T, 0, 0, null, null, 0, 0, null, 0, 0, null, null));
		assertThat(measures.counts(segment)).isEqualTo(new RecoveryMeasures.CaseCounts(0, 0));
	}

	@Test
	void measuresEveryCustomerWithoutASegment() {
		insertCase("Z", RecoveryStatus.OPEN, Instant.now().minus(hours(30)), null, null, null, null, 40.0);

		RecoveryMeasurement all = measures.current();
		assertThat(all.openCases()).isGreaterThanOrEqualTo(1);
		assertThat(all.overdueCases()).isGreaterThanOrEqualTo(1);
		assertThat(measures.current(segment).openCases()).isEqualTo(1);
		assertThat(measures.current(segment).overdueCases()).isEqualTo(1);
	}

	/**
	 * A customer of the test's segment with one case; the name is only for reading the
	 * test.
	 */
	private long insertCase(String name, RecoveryStatus status, Instant openedAt, Instant reopenedAt,
			Duration acknowledgedAfter, Duration resolvedAfter, Duration closedAfterResolving, Double trustAtOpening) {
		long customer = fixtures.customer(segment);
		insertCaseFor(customer, status, openedAt, reopenedAt, acknowledgedAfter, resolvedAfter, closedAfterResolving,
				trustAtOpening);
		return customer;
	}

	/**
	 * Times after the start of the case's round: its reopening, else its opening. Due 24
	 * h after the start.
	 */
	private void insertCaseFor(long customer, RecoveryStatus status, Instant openedAt, Instant reopenedAt,
			Duration acknowledgedAfter, Duration resolvedAfter, Duration closedAfterResolving, Double trustAtOpening) {
		Instant start = reopenedAt != null ? reopenedAt : openedAt;
		Instant resolvedAt = resolvedAfter == null ? null : start.plus(resolvedAfter);
		jdbc.sql("""
				insert into recovery_case (customer_id, status, opened_at, acknowledge_due_at, acknowledged_at,
				  resolved_at, closed_at, reopened_count, reopened_at, trust_at_opening, status_at_opening)
				values (:customer, :status, :opened, :due, :acknowledged, :resolved, :closed, :reopenedCount,
				  :reopened, :trust, :statusAtOpening)
				""")
			.param("customer", customer)
			.param("status", status.name())
			.param("opened", Timestamp.from(openedAt))
			.param("due", Timestamp.from(start.plus(hours(24))))
			.param("acknowledged", acknowledgedAfter == null ? null : Timestamp.from(start.plus(acknowledgedAfter)))
			.param("resolved", resolvedAt == null ? null : Timestamp.from(resolvedAt))
			.param("closed",
					closedAfterResolving == null ? null : Timestamp.from(resolvedAt.plus(closedAfterResolving)))
			.param("reopenedCount", reopenedAt == null ? 0 : 1)
			.param("reopened", reopenedAt == null ? null : Timestamp.from(reopenedAt))
			.param("trust", trustAtOpening)
			.param("statusAtOpening", CustomerStatus.WATCH.name())
			.update();
	}

	private static Duration hours(long hours) {
		return Duration.ofHours(hours);
	}

	private static Duration days(long days) {
		return Duration.ofDays(days);
	}

}
