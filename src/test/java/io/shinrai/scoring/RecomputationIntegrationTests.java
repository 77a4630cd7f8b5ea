package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.feedback.IncidentType;

/**
 * A change of half-life or severities is recomputed in the background: progress is
 * visible, the previous version keeps serving consistent numbers until the new sums are
 * complete, then everything switches at once.
 */
@IntegrationTest
class RecomputationIntegrationTests {

	@Autowired
	private ScoringPolicies policies;

	@Autowired
	private TrustScores scores;

	@Autowired
	private CustomerRankings rankings;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private DataSource dataSource;

	private ScoringTestSupport support;

	private FeedbackFixture fixture;

	@BeforeEach
	void setUp() {
		support = new ScoringTestSupport(jdbc, policies);
		support.restoreDefaults();
		fixture = new FeedbackFixture(testFeedback, jdbc);
	}

	@AfterEach
	void restoreDefaults() {
		support.restoreDefaults();
	}

	@Test
	void servesThePreviousVersionUntilTheNewSumsAreCompleteThenSwitches() throws Exception {
		Random random = new Random(77);
		String segment = "R-" + UUID.randomUUID();
		List<Long> customers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			customers.add(fixture.customer(segment + "-" + i, "Recomputed " + i, segment));
		}
		Instant now = Instant.now();
		for (int i = 0; i < 60; i++) {
			fixture.store(FeedbackFixture.randomDraft(random, customers.get(i % 5),
					now.minus(Duration.ofHours(random.nextInt(24 * 400)))));
		}
		PolicyVersion previous = policies.active();
		Scope scope = new Scope(segment, null);
		TrustScore before = scores.forScope(scope, now).score();
		ScoringPolicy draft = withHalfLifeAndSeverity(previous.policy(), 21, IncidentType.BROKEN_PROMISE, 9);

		PolicyVersion activated;
		// an entry being stored holds the sums lock in shared mode: the recomputation has
		// to wait for it
		try (Connection blocker = dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("select pg_advisory_xact_lock_shared(" + ScoringSql.SUMS_LOCK + ")");
			}
			activated = policies.activate(draft, "Shorter memory", previous.version(), "admin");

			Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				RecomputationStatus status = policies.recomputationStatus().orElseThrow();
				assertThat(status.policyVersion()).isEqualTo(activated.version());
				assertThat(status.running()).isTrue();
				assertThat(status.total()).isPositive();
				assertThat(status.startedAt()).isNotNull();
			});
			assertThat(policies.active()).isEqualTo(activated);
			assertThat(policies.serving()).isEqualTo(previous);
			assertThat(scores.activePolicy()).isEqualTo(previous.policy());
			// pages meanwhile: the previous version's numbers, for scopes, lists and
			// customers alike
			assertSame(scores.forScope(scope, now).score(), before);
			assertThat(scores.forCustomer(customers.get(0), now).score().trust())
				.isCloseTo(reference(customers.get(0), previous.policy(), now).trust(), within(1e-6));
			RankedCustomer ranked = rankings
				.find(new CustomerRankingQuery(segment + "-0", null, null, null, CustomerSort.TRUST, 0, 10, now))
				.customers()
				.get(0);
			assertThat(ranked.trust()).isCloseTo(reference(customers.get(0), previous.policy(), now).trust(),
					within(1e-6));
			// feedback stored while recomputing ends up in both the served and the new
			// sums
			blocker.rollback();
		}
		fixture.store(FeedbackFixture.randomDraft(random, customers.get(1), now.minus(Duration.ofDays(3))));

		Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> policies.serving().equals(activated));

		RecomputationStatus done = policies.recomputationStatus().orElseThrow();
		assertThat(done.state()).isEqualTo(RecomputationStatus.State.FINISHED);
		assertThat(done.percent()).isEqualTo(100);
		assertThat(done.finishedAt()).isNotNull();
		List<FeedbackFixture.Row> rows = fixture.allRows();
		List<Observation> observations = rows.stream()
			.filter(row -> row.segment().equals(segment))
			.flatMap(row -> row.facts().observations(draft).stream())
			.toList();
		TrustScore after = scores.forScope(scope, now).score();
		TrustSumsIntegrationTests.assertSameScore("after the switch", after,
				TrustCalculator.score(observations, draft, now));
		TrustSumsIntegrationTests
			.assertSameScore("company after the switch", scores.forScope(Scope.company(), now).score(), TrustCalculator
				.score(rows.stream().flatMap(row -> row.facts().observations(draft).stream()).toList(), draft, now));
		RankedCustomer ranked = rankings
			.find(new CustomerRankingQuery(segment + "-1", null, null, null, CustomerSort.TRUST, 0, 10, now))
			.customers()
			.get(0);
		assertThat(ranked.trust()).isCloseTo(reference(customers.get(1), draft, now).trust(), within(1e-6));
	}

	@Test
	void aLaterActivationSupersedesARecomputationItNoLongerNeeds() throws Exception {
		PolicyVersion previous = policies.active();
		PolicyVersion longer;
		try (Connection blocker = dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("select pg_advisory_xact_lock_shared(" + ScoringSql.SUMS_LOCK + ")");
			}
			longer = policies.activate(ScoringPoliciesIntegrationTests.withHalfLife(previous.policy(), 180),
					"Longer memory", previous.version(), "admin");
			// back to the served half-life, with other weights: served at once, the
			// recomputation is not needed
			PolicyVersion back = policies.activate(
					ScoringPoliciesIntegrationTests.withWeights(previous.policy(), 30, 20, 20, 20, 10),
					"Changed my mind", longer.version(), "admin");
			assertThat(policies.serving()).isEqualTo(back);
			blocker.rollback();
		}
		Awaitility.await()
			.atMost(Duration.ofSeconds(20))
			.until(() -> policies.recomputationStatus().orElseThrow().state() == RecomputationStatus.State.SUPERSEDED);
		assertThat(jdbc.sql("select count(*) from scoring_basis where state = 'READY'").query(Long.class).single())
			.isOne();
	}

	private TrustScore reference(long customerId, ScoringPolicy policy, Instant at) {
		List<Observation> observations = fixture.allRows()
			.stream()
			.filter(row -> row.customerId() == customerId)
			.flatMap(row -> row.facts().observations(policy).stream())
			.toList();
		return TrustCalculator.score(observations, policy, at);
	}

	private static void assertSame(TrustScore actual, TrustScore expected) {
		TrustSumsIntegrationTests.assertSameScore("while recomputing", actual, expected);
	}

	private static ScoringPolicy withHalfLifeAndSeverity(ScoringPolicy p, double halfLifeDays, IncidentType type,
			int severity) {
		Map<IncidentType, Integer> severities = new EnumMap<>(p.severities());
		severities.put(type, severity);
		return new ScoringPolicy(p.weights(), halfLifeDays, p.priorStrength(), p.priorMean(), severities,
				p.lowThreshold(), p.highThreshold(), p.riskWindowDays(), p.atRiskCount(), p.acknowledgeWithinHours());
	}

}
