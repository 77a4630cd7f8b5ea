package io.shinrai.dashboard;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.dashboard.DashboardView.BreakdownRow;
import io.shinrai.dashboard.DashboardView.CustomerAtRisk;
import io.shinrai.dashboard.DashboardView.IncidentRow;
import io.shinrai.dashboard.DashboardView.RecoveryPanel;
import io.shinrai.dashboard.DashboardView.TrendPoint;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Band;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@IntegrationTest
class DashboardIntegrationTests {

	@Autowired
	private TestFeedback testFeedback;

	/** The worked example of docs/scoring.md is as of this instant. */
	private static final Instant T = Instant.parse("2026-06-30T00:00:00Z");

	@Autowired
	private Dashboard dashboard;

	@Autowired
	private TrustScores trustScores;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ApplicationEventPublisher events;

	private TestFeedback fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = testFeedback;
	}

	private static DashboardQuery lastDays(String segment, Channel channel, int days, Instant to) {
		return new DashboardQuery(segment, channel, to.minus(Duration.ofDays(days)), to);
	}

	@Test
	void showsTheWorkedExampleOfTheScoringSpecificationThroughTheScoringApi() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Worked Example Ltd");
		fixtures.entry(customer, Instant.parse("2026-04-01T00:00:00Z"))
			.rating(Signal.TRANSPARENCY, 5)
			.rating(Signal.QUALITY, 4)
			.save();
		fixtures.entry(customer, Instant.parse("2026-05-31T00:00:00Z"))
			.rating(Signal.TRANSPARENCY, 2)
			.rating(Signal.COMMUNICATION, 3)
			.incident("BROKEN_PROMISE")
			.nps(4)
			.save();
		fixtures.entry(customer, T).rating(Signal.QUALITY, 5).rating(Signal.VALUES, 4).nps(9).csat(5).ces(6).save();

		DashboardView view = dashboard.view(lastDays(segment, null, 90, T));

		assertThat(view.isEmpty()).isFalse();
		assertThat(view.trust().trust()).isCloseTo(50.116330, within(1e-6));
		assertThat(view.trust().band()).isEqualTo(Band.MEDIUM);
		assertThat(view.trust()).isEqualTo(trustScores.forScope(new Scope(segment, null), T).score());
		assertThat(view.weakest()).isEqualTo(Signal.CONSISTENCY);
		assertThat(view.risk().watch()).isEqualTo(1);
		assertThat(view.risk().atRisk()).isZero();
		assertThat(view.risk().customers()).singleElement()
			.satisfies(c -> assertThat(c.status()).isEqualTo(CustomerStatus.WATCH))
			.satisfies(c -> assertThat(c.trust()).isCloseTo(50.116330, within(1e-6)));
	}

	@Test
	void takesTheTrustChangeOverTheChosenPeriodFromTheScoringApi() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Change Co");
		fixtures.entry(customer, T.minus(Duration.ofDays(120))).rating(Signal.QUALITY, 5).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(10))).rating(Signal.QUALITY, 1).save();

		Scope scope = new Scope(segment, null);
		for (int days : new int[] { 30, 90 }) {
			DashboardView view = dashboard.view(lastDays(segment, null, days, T));
			double expected = trustScores.forScope(scope, T).score().trust()
					- trustScores.forScope(scope, T.minus(Duration.ofDays(days))).score().trust();
			assertThat(view.trustChange()).as("%d days", days).isCloseTo(expected, within(1e-9)).isNegative();
			assertThat(view.comparison().trust().change()).isCloseTo(expected, within(1e-9));
			assertThat(view.comparison().previousTo()).isEqualTo(T.minus(Duration.ofDays(days)));
			assertThat(view.comparison().previousFrom()).isEqualTo(T.minus(Duration.ofDays(2L * days)));
		}
		assertThat(dashboard.view(lastDays(segment, null, 90, T)).trustChange())
			.isNotCloseTo(dashboard.view(lastDays(segment, null, 30, T)).trustChange(), within(1e-6));
	}

	@Test
	void comparesSatisfactionWithThePreviousPeriodOfTheSameLengthAndMarksFewResponses() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Compare KK");
		// the previous 90 days: one promoter, one CES answer; this period: a promoter and
		// a detractor
		fixtures.entry(customer, T.minus(Duration.ofDays(100))).nps(10).ces(6).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(200))).nps(0).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(10))).nps(0).csat(5).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(5))).nps(10).csat(2).save();

		PeriodComparison comparison = dashboard.view(lastDays(segment, null, 90, T)).comparison();

		assertThat(comparison.minimumResponses()).isEqualTo(30);
		assertThat(comparison.nps().value()).isCloseTo(0.0, within(1e-9));
		assertThat(comparison.nps().previous()).isCloseTo(100.0, within(1e-9));
		assertThat(comparison.nps().change()).isCloseTo(-100.0, within(1e-9));
		assertThat(comparison.nps().responses()).isEqualTo(2);
		assertThat(comparison.nps().previousResponses()).isEqualTo(1);
		assertThat(comparison.nps().few()).isTrue();
		assertThat(comparison.nps().interval().low()).isLessThan(0).isGreaterThanOrEqualTo(-100);
		assertThat(comparison.nps().interval().high()).isGreaterThan(0).isLessThanOrEqualTo(100);
		// CSAT 1 of 2 in the top two boxes: 50 %, Wilson 95 % interval 9.45 % to 90.55 %
		assertThat(comparison.csat().value()).isCloseTo(50.0, within(1e-9));
		assertThat(comparison.csat().previous()).isNull();
		assertThat(comparison.csat().change()).isNull();
		assertThat(comparison.csat().interval().low()).isCloseTo(9.45, within(0.01));
		assertThat(comparison.csat().interval().high()).isCloseTo(90.55, within(0.01));
		assertThat(comparison.ces().value()).isNull();
		assertThat(comparison.ces().previous()).isCloseTo(6.0, within(1e-9));
		assertThat(comparison.ces().interval()).isNull();
		assertThat(comparison.trust().responses()).isEqualTo(2);
		assertThat(comparison.trust().previousResponses()).isEqualTo(1);
	}

	@Test
	void drawsTheWeeklyTrendFromTheScoringApiAtEachWeeksEnd() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Trend KK");
		fixtures.entry(customer, T.minus(Duration.ofDays(200))).rating(Signal.VALUES, 2).nps(3).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(20))).rating(Signal.VALUES, 5).nps(10).save();

		DashboardView view = dashboard.view(lastDays(segment, null, 90, T));

		assertThat(view.trend()).hasSize(Dashboard.TREND_WEEKS + 1);
		assertThat(view.trend().get(view.trend().size() - 1).asOf()).isEqualTo(T);
		for (TrendPoint point : view.trend()) {
			ScopeTrust expected = trustScores.forScope(new Scope(segment, null), point.asOf());
			assertThat(point.trust()).isEqualTo(expected.score().trust());
			assertThat(point.nps()).isEqualTo(expected.satisfaction().nps());
		}
		// weeks end on Monday 00:00 in Tokyo: the point is labelled with that week's
		// Sunday
		TrendPoint first = view.trend().get(0);
		assertThat(first.asOf().atZone(java.time.ZoneId.of("Asia/Tokyo")).getDayOfWeek())
			.isEqualTo(java.time.DayOfWeek.MONDAY);
		assertThat(first.weekEnding().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SUNDAY);
		// before the first entry there is no score: a gap, not a zero
		assertThat(view.trend()).filteredOn(p -> p.asOf().isBefore(T.minus(Duration.ofDays(200)))).allSatisfy(p -> {
			assertThat(p.trust()).isNull();
			assertThat(p.nps()).isNull();
		});
	}

	@Test
	void countsSatisfactionOfThePeriodAndLeavesMetricsWithoutAnswersEmpty() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "NPS Only GmbH");
		fixtures.entry(customer, T.minus(Duration.ofDays(5))).nps(10).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(6))).nps(9).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(7))).nps(5).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(40))).nps(0).save();

		DashboardView last30 = dashboard.view(lastDays(segment, null, 30, T));
		assertThat(last30.satisfaction().nps()).isCloseTo(100.0 / 3, within(1e-9));
		assertThat(last30.satisfaction().npsResponses()).isEqualTo(3);
		assertThat(last30.satisfaction().csat()).isNull();
		assertThat(last30.satisfaction().csatResponses()).isZero();
		assertThat(last30.satisfaction().ces()).isNull();

		// over the risk window (90 days by default) the period's metrics are the API's
		DashboardView last90 = dashboard.view(lastDays(segment, null, 90, T));
		assertThat(last90.satisfaction()).isEqualTo(trustScores.forScope(new Scope(segment, null), T).satisfaction());
		assertThat(last90.satisfaction().npsResponses()).isEqualTo(4);
	}

	@Test
	void listsCustomersAtRiskAndOnWatchWithTheLowestTrustFirst() {
		String segment = TestFeedback.uniqueSegment();
		long atRisk = fixtures.customer(segment, "株式会社リスク");
		long alsoAtRisk = fixtures.customer(segment, "Also At Risk Inc.");
		long watch = fixtures.customer(segment, "Watch & Co");
		long fine = fixtures.customer(segment, "Fine Ltd");
		long longAgo = fixtures.customer(segment, "Long Ago Ltd");
		fixtures.entry(atRisk, T.minus(Duration.ofDays(3))).rating(Signal.QUALITY, 1).save();
		fixtures.entry(atRisk, T.minus(Duration.ofDays(4))).rating(Signal.QUALITY, 1).incident("PRODUCT_DEFECT").save();
		fixtures.entry(alsoAtRisk, T.minus(Duration.ofDays(3))).rating(Signal.QUALITY, 2).save();
		fixtures.entry(alsoAtRisk, T.minus(Duration.ofDays(89))).rating(Signal.QUALITY, 2).save();
		fixtures.entry(watch, T.minus(Duration.ofDays(10))).csat(1).save();
		fixtures.entry(fine, T.minus(Duration.ofDays(10))).rating(Signal.QUALITY, 5).save();
		fixtures.entry(longAgo, T.minus(Duration.ofDays(91))).rating(Signal.QUALITY, 1).save();
		fixtures.entry(longAgo, T.minus(Duration.ofDays(92))).rating(Signal.QUALITY, 1).save();

		DashboardView view = dashboard.view(lastDays(segment, null, 30, T));

		assertThat(view.risk().atRisk()).isEqualTo(2);
		assertThat(view.risk().watch()).isEqualTo(1);
		assertThat(view.risk().customers()).extracting(CustomerAtRisk::id).containsExactly(atRisk, alsoAtRisk, watch);
		assertThat(view.risk().customers()).allSatisfy(c -> {
			var expected = trustScores.forCustomer(c.id(), T);
			assertThat(c.status()).isEqualTo(expected.status());
			assertThat(c.trust()).isEqualTo(expected.score().trust());
		});
	}

	@Test
	void ranksIncidentsByDamageNotByCount() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Incident AG");
		fixtures.entry(customer, T.minus(Duration.ofDays(1))).incident("BROKEN_PROMISE").save();
		fixtures.entry(customer, T.minus(Duration.ofDays(2))).incident("INCONSISTENT_SERVICE").save();
		fixtures.entry(customer, T.minus(Duration.ofDays(3)))
			.incident("INCONSISTENT_SERVICE")
			.incident("NO_PERSONALIZATION")
			.save();
		fixtures.entry(customer, T.minus(Duration.ofDays(100))).incident("DATA_MISUSE").save();

		DashboardView view = dashboard.view(lastDays(segment, null, 30, T));

		assertThat(view.incidents()).extracting(IncidentRow::type, IncidentRow::count, IncidentRow::damage)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(IncidentType.BROKEN_PROMISE, 1L, 3L),
					org.assertj.core.groups.Tuple.tuple(IncidentType.INCONSISTENT_SERVICE, 2L, 2L),
					org.assertj.core.groups.Tuple.tuple(IncidentType.NO_PERSONALIZATION, 1L, 1L));
	}

	@Test
	void breaksDownByChannelAndSegmentWithTheScoringApisTrust() {
		String segment = TestFeedback.uniqueSegment();
		long customer = fixtures.customer(segment, "Breakdown SA");
		fixtures.entry(customer, T.minus(Duration.ofDays(1))).channel(Channel.PHONE).rating(Signal.QUALITY, 2).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(2))).channel(Channel.PHONE).rating(Signal.QUALITY, 3).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(3))).channel(Channel.CHAT).rating(Signal.QUALITY, 5).save();
		fixtures.entry(customer, T.minus(Duration.ofDays(60))).channel(Channel.CHAT).rating(Signal.QUALITY, 5).save();

		DashboardView view = dashboard.view(lastDays(segment, null, 30, T));

		assertThat(view.byChannel()).extracting(BreakdownRow::channel).containsExactly(Channel.values());
		BreakdownRow phone = view.byChannel()
			.stream()
			.filter(r -> r.channel() == Channel.PHONE)
			.findFirst()
			.orElseThrow();
		BreakdownRow chat = view.byChannel()
			.stream()
			.filter(r -> r.channel() == Channel.CHAT)
			.findFirst()
			.orElseThrow();
		BreakdownRow email = view.byChannel()
			.stream()
			.filter(r -> r.channel() == Channel.EMAIL)
			.findFirst()
			.orElseThrow();
		assertThat(phone.responses()).isEqualTo(2);
		assertThat(chat.responses()).isEqualTo(1);
		assertThat(phone.trust()).isEqualTo(trustScores.forScope(new Scope(segment, Channel.PHONE), T).score().trust());
		assertThat(chat.evidence())
			.isEqualTo(trustScores.forScope(new Scope(segment, Channel.CHAT), T).score().evidence());
		assertThat(email.trust()).isNull();
		assertThat(email.responses()).isZero();
		assertThat(view.bySegment()).singleElement().satisfies(row -> {
			assertThat(row.segment()).isEqualTo(segment);
			assertThat(row.responses()).isEqualTo(3);
		});

		DashboardView phoneOnly = dashboard.view(lastDays(segment, Channel.PHONE, 30, T));
		assertThat(phoneOnly.trust()).isEqualTo(trustScores.forScope(new Scope(segment, Channel.PHONE), T).score());
		assertThat(phoneOnly.byChannel()).extracting(BreakdownRow::channel).containsExactly(Channel.PHONE);
	}

	@Test
	void showsTheEmptyStateForAScopeWithoutFeedback() {
		DashboardView view = dashboard.view(lastDays(TestFeedback.uniqueSegment(), null, 30, T));

		assertThat(view.isEmpty()).isTrue();
		assertThat(view.trust().hasData()).isFalse();
		assertThat(view.trustChange()).isNull();
		assertThat(view.weakest()).isNull();
		assertThat(view.satisfaction().nps()).isNull();
		assertThat(view.risk().customers()).isEmpty();
		assertThat(view.incidents()).isEmpty();
	}

	@Test
	void showsTheRecoveryMeasuresOfTheSegment() {
		String segment = TestFeedback.uniqueSegment();
		long onTime = fixtures.customer(segment, "On Time Ltd");
		long late = fixtures.customer(segment, "Late KK");
		fixtures.customer(segment, "Happy Co");
		Instant now = Instant.now();
		// recent negative entries open a case per customer
		fixtures.entry(onTime, now.minus(Duration.ofDays(1)))
			.rating(Signal.CONSISTENCY, 1)
			.incident("BROKEN_PROMISE")
			.save();
		fixtures.entry(late, now.minus(Duration.ofDays(2))).rating(Signal.QUALITY, 1).incident("PRODUCT_DEFECT").save();
		// the late customer's case was opened long enough ago to be past its
		// acknowledgement due time
		jdbc.sql("update recovery_case set opened_at = ?, acknowledge_due_at = ? where customer_id = ?")
			.params(Timestamp.from(now.minus(Duration.ofDays(2))), Timestamp.from(now.minus(Duration.ofHours(1))), late)
			.update();

		RecoveryPanel recovery = dashboard.view(lastDays(segment, null, 30, T)).recovery();

		assertThat(recovery.open()).isEqualTo(2);
		assertThat(recovery.overdue()).isEqualTo(1);
		assertThat(recovery.medianHoursToAcknowledge()).isNull();
		assertThat(recovery.medianHoursToResolve()).isNull();
		assertThat(recovery.recoveryRatePercent()).isNull();

		RecoveryPanel none = dashboard.view(lastDays(TestFeedback.uniqueSegment(), null, 30, T)).recovery();
		assertThat(none.open()).isZero();
		assertThat(none.overdue()).isZero();
	}

	@Test
	void listsTheSegmentsCustomersHave() {
		String segment = TestFeedback.uniqueSegment();
		fixtures.customer(segment, "Segment Holder");
		assertThat(dashboard.segments()).contains(segment).doesNotHaveDuplicates().isSorted();
	}

}
