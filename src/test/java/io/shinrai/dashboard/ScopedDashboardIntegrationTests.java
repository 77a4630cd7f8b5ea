package io.shinrai.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.dashboard.DashboardView.BreakdownRow;
import io.shinrai.dashboard.DashboardView.TrendPoint;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.SignalScore;
import io.shinrai.scoring.TrustScore;
import io.shinrai.system.SegmentScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The dashboard of a user limited to some segments is computed over those segments'
 * entries only, from their rows of the per-segment sums. The reference is a "mirror"
 * segment holding a copy of exactly those entries: the forward-decay sums are sums over
 * entries, so pooling the segments' rows must give the mirror's numbers.
 */
@IntegrationTest
class ScopedDashboardIntegrationTests {

	private static final Instant T = Instant.parse("2026-06-30T00:00:00Z");

	/** Sums added in another order differ in the last bits only. */
	private static final double EXACT = 1e-9;

	@Autowired
	private TestFeedback fixtures;

	@Autowired
	private Dashboard dashboard;

	private String north;

	private String south;

	private String elsewhere;

	private String mirror;

	@BeforeEach
	void entries() {
		north = TestFeedback.uniqueSegment();
		south = TestFeedback.uniqueSegment();
		elsewhere = TestFeedback.uniqueSegment();
		mirror = TestFeedback.uniqueSegment();
		long northCustomer = fixtures.customer(north, "North Trading");
		long southCustomer = fixtures.customer(south, "South Foods");
		long otherCustomer = fixtures.customer(elsewhere, "Elsewhere Ltd");
		long mirrorCustomer = fixtures.customer(mirror, "Mirror of North and South");
		for (long customer : List.of(northCustomer, mirrorCustomer)) {
			fixtures.entry(customer, T.minus(Duration.ofDays(200)))
				.rating(Signal.QUALITY, 5)
				.rating(Signal.VALUES, 4)
				.nps(10)
				.save();
			fixtures.entry(customer, T.minus(Duration.ofDays(40)))
				.channel(Channel.PHONE)
				.rating(Signal.TRANSPARENCY, 4)
				.csat(4)
				.save();
			fixtures.entry(customer, T.minus(Duration.ofHours(5))).rating(Signal.COMMUNICATION, 5).ces(6).save();
		}
		for (long customer : List.of(southCustomer, mirrorCustomer)) {
			fixtures.entry(customer, T.minus(Duration.ofDays(20)))
				.rating(Signal.CONSISTENCY, 2)
				.incident("BROKEN_PROMISE")
				.nps(3)
				.save();
			fixtures.entry(customer, T.minus(Duration.ofDays(2)))
				.channel(Channel.CHAT)
				.rating(Signal.QUALITY, 3)
				.csat(2)
				.save();
		}
		fixtures.entry(otherCustomer, T.minus(Duration.ofDays(10)))
			.rating(Signal.QUALITY, 1)
			.rating(Signal.VALUES, 1)
			.incident("HIDDEN_FEES")
			.nps(0)
			.save();
	}

	private static DashboardQuery lastDays(String segment, int days) {
		return new DashboardQuery(segment, null, T.minus(Duration.ofDays(days)), T);
	}

	@Test
	void scopedNumbersEqualTheNumbersOfOnlyTheirSegmentsEntries() {
		SegmentScope scope = SegmentScope.of(List.of(north, south));
		DashboardView scoped = dashboard.view(lastDays(null, 90), scope);
		DashboardView reference = dashboard.view(lastDays(mirror, 90));

		assertSameTrust(scoped.trust(), reference.trust());
		assertThat(scoped.satisfaction()).isEqualTo(reference.satisfaction());
		assertThat(scoped.incidents()).isEqualTo(reference.incidents());
		assertThat(scoped.trustChange()).isCloseTo(reference.trustChange(), within(EXACT));
		assertThat(scoped.trend()).hasSameSizeAs(reference.trend());
		for (int i = 0; i < scoped.trend().size(); i++) {
			TrendPoint point = scoped.trend().get(i);
			TrendPoint expected = reference.trend().get(i);
			assertThat(point.asOf()).isEqualTo(expected.asOf());
			if (expected.trust() == null) {
				assertThat(point.trust()).isNull();
			}
			else {
				assertThat(point.trust()).isCloseTo(expected.trust(), within(EXACT));
			}
			assertThat(point.nps()).isEqualTo(expected.nps());
		}
		for (Channel channel : Channel.values()) {
			BreakdownRow row = row(scoped.byChannel(), channel);
			BreakdownRow expected = row(reference.byChannel(), channel);
			assertThat(row.responses()).as(channel.name()).isEqualTo(expected.responses());
			assertThat(row.evidence()).as(channel.name()).isCloseTo(expected.evidence(), within(EXACT));
		}
	}

	@Test
	void segmentsOutsideTheScopeCountNowhere() {
		SegmentScope scope = SegmentScope.of(List.of(north, south));
		DashboardView scoped = dashboard.view(lastDays(null, 90), scope);
		DashboardView withElsewhere = dashboard.view(lastDays(null, 90),
				SegmentScope.of(List.of(north, south, elsewhere)));

		assertThat(scoped.bySegment()).extracting(BreakdownRow::segment)
			.containsExactlyInAnyOrder(north, south)
			.isSortedAccordingTo(String::compareTo);
		assertThat(dashboard.segments(scope)).containsExactlyInAnyOrder(north, south);
		assertThat(withElsewhere.trust().trust()).isNotCloseTo(scoped.trust().trust(), within(0.01));
		assertThat(scoped.incidents()).noneMatch(row -> row.type().name().equals("HIDDEN_FEES"));
		assertThat(scoped.risk().customers()).extracting(DashboardView.CustomerAtRisk::segment)
			.doesNotContain(elsewhere, mirror);
	}

	@Test
	void aSegmentOutsideTheScopeChosenByAddressShowsNothing() {
		DashboardView view = dashboard.view(lastDays(elsewhere, 90), SegmentScope.of(List.of(north, south)));

		assertThat(view.trust().hasData()).isFalse();
		assertThat(view.scopeHasFeedback()).isFalse();
		assertThat(view.bySegment()).isEmpty();
		assertThat(view.incidents()).isEmpty();
		assertThat(view.risk().atRisk() + view.risk().watch()).isZero();
		assertThat(view.recovery().open()).isZero();
	}

	@Test
	void oneSegmentOfTheScopeEqualsThatSegmentForEveryone() {
		DashboardView scoped = dashboard.view(lastDays(south, 90), SegmentScope.of(List.of(north, south)));
		DashboardView everyone = dashboard.view(lastDays(south, 90));

		assertThat(scoped.trust()).isEqualTo(everyone.trust());
		assertThat(scoped.satisfaction()).isEqualTo(everyone.satisfaction());
		assertThat(scoped.risk()).isEqualTo(everyone.risk());
		assertThat(scoped.recovery()).isEqualTo(everyone.recovery());
	}

	private static void assertSameTrust(TrustScore actual, TrustScore expected) {
		assertThat(expected.hasData()).isTrue();
		assertThat(actual.trust()).isCloseTo(expected.trust(), within(EXACT));
		assertThat(actual.band()).isEqualTo(expected.band());
		assertThat(actual.evidence()).isCloseTo(expected.evidence(), within(EXACT));
		for (Signal signal : Signal.values()) {
			SignalScore is = actual.signal(signal);
			SignalScore was = expected.signal(signal);
			assertThat(is.hasScore()).as(signal.name()).isEqualTo(was.hasScore());
			if (was.hasScore()) {
				assertThat(is.score()).as(signal.name()).isCloseTo(was.score(), within(EXACT));
			}
		}
	}

	private static BreakdownRow row(List<BreakdownRow> rows, Channel channel) {
		return rows.stream().filter(row -> row.channel() == channel).findFirst().orElseThrow();
	}

}
