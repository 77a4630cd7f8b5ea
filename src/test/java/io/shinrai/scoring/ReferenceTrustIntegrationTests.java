package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestFeedback;
import io.shinrai.scoring.FeedbackFixture.Draft;

/**
 * The customers list sorted by trust read through the stored reference trust equals the
 * exact path over every customer (the same rows, the same order, the same trust to the
 * last bit) and the {@link TrustCalculator}: on random feedback, at the reference instant
 * and later (where stored values drift from the exact ones), with rows changed after the
 * reference, in both directions, for every page of small and large sizes.
 */
@IntegrationTest
class ReferenceTrustIntegrationTests {

	private static final double TOLERANCE = 1e-6;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private CustomerRankings rankings;

	@Autowired
	private ReferenceTrust references;

	@Autowired
	private ScoringPolicies policies;

	@Autowired
	private TrustScores scores;

	@Autowired
	private TestClock clock;

	private FeedbackFixture fixture;

	/** The reference instant: after every entry of this test. */
	private final Instant t0 = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void setUp() {
		fixture = new FeedbackFixture(testFeedback, jdbc);
		new ScoringTestSupport(jdbc, policies).restoreDefaults();
	}

	@AfterEach
	void forgetReference() {
		jdbc.sql("delete from trust_reference").update();
		clock.reset();
	}

	@Test
	void pagesThroughTheReferenceEqualTheExactPathAndTheCalculator() {
		Random random = new Random(17);
		String prefix = "R-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		List<Long> customers = new ArrayList<>();
		for (int i = 0; i < 70; i++) {
			customers.add(fixture.customer(prefix + i, "Customer " + prefix + i, prefix + "segment-" + (i % 3)));
		}
		List<Draft> drafts = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			drafts.add(
					FeedbackFixture.randomDraft(random, customers.get(random.nextInt(customers.size())), past(random)));
		}
		fixture.storeBatch(drafts);
		// identical histories: equal trust, ordered by id
		Instant shared = past(random);
		for (int i = 0; i < 3; i++) {
			fixture.store(FeedbackFixture.randomDraft(new Random(5), customers.get(i), shared));
		}
		Serving serving = policies.servingState();
		Instant reference = refreshAt(serving, t0);
		assertThat(references.usable(serving, reference.minusNanos(1000))).as("before the reference instant").isEmpty();
		assertThat(references.usable(serving, reference)).isPresent();

		List<Instant> instants = List.of(reference, reference.plus(Duration.ofHours(1)),
				reference.plus(Duration.ofDays(40)));
		assertEqualToTheExactPath(serving, instants);

		// entries stored after the reference was computed: their customers have no stored
		// value and are recomputed
		for (int i = 0; i < 25; i++) {
			fixture.store(
					FeedbackFixture.randomDraft(random, customers.get(random.nextInt(customers.size())), past(random)));
		}
		long changed = jdbc
			.sql("select count(*) from customer_trust_sums where basis_id = ? and reference_trust is null")
			.param(serving.basis().id())
			.query(Long.class)
			.single();
		assertThat(changed).isPositive();
		assertEqualToTheExactPath(serving, instants);
	}

	@Test
	void aReferenceOfAnotherPolicyIsNotUsed() {
		Serving serving = policies.servingState();
		Instant reference = refreshAt(serving, t0);
		assertThat(references.usable(serving, reference)).isPresent();
		ScoringPolicy p = serving.policy();
		ScoringPolicy changed = new ScoringPolicy(p.weights(), p.halfLifeDays(), p.priorStrength() + 1, p.priorMean(),
				p.severities(), p.lowThreshold(), p.highThreshold(), p.riskWindowDays(), p.atRiskCount(),
				p.acknowledgeWithinHours());
		policies.activate(changed, "Reference trust test", serving.version().version(), "test");
		new ScoringTestSupport(jdbc, policies).awaitServingBasis();
		assertThat(references.usable(policies.servingState(), reference)).isEmpty();
	}

	@Test
	void theBoundCoversTheDriftOfEverySignalTowardThePrior() {
		ScoringPolicy policy = ScoringPolicy.defaults();
		Basis basis = policies.servingState().basis();
		assertThat(ReferenceTrust.delta(policy, basis, t0, t0)).isLessThan(1e-8);
		double day = ReferenceTrust.delta(policy, basis, t0, t0.plus(Duration.ofDays(1)));
		double spread = Math.max(policy.priorMean(), 100 - policy.priorMean());
		assertThat(day).isCloseTo(spread * (1 - Math.pow(2, -1 / basis.halfLifeDays())), within(1e-8));
		// a customer with one signal at 100 and the prior mean below it drifts by less
		double m = policy.priorStrength();
		double mu = policy.priorMean();
		double f0 = basis.decayTo(t0);
		double f1 = basis.decayTo(t0.plus(Duration.ofDays(1)));
		double e = 3 / f0;
		double at0 = (100 * e * f0 + m * mu) / (e * f0 + m);
		double at1 = (100 * e * f1 + m * mu) / (e * f1 + m);
		assertThat(Math.abs(at0 - at1)).isLessThanOrEqualTo(day);
	}

	private void assertEqualToTheExactPath(Serving serving, List<Instant> instants) {
		ScoringPolicy policy = serving.policy();
		Map<Long, List<FeedbackFacts>> byCustomer = new HashMap<>();
		fixture.allRows()
			.forEach(row -> byCustomer.computeIfAbsent(row.customerId(), id -> new ArrayList<>()).add(row.facts()));
		ReferencePages pages = new ReferencePages(jdbc);
		for (Instant at : instants) {
			ReferenceTrust.Reference reference = references.usable(serving, at).orElseThrow();
			for (CustomerSort sort : List.of(CustomerSort.TRUST, CustomerSort.TRUST_DESC)) {
				for (int size : List.of(1, 7, CustomerRankingQuery.MAX_SIZE)) {
					List<RankedCustomer> fast = all(sort, size, at);
					String saved = saveAndForget(serving);
					List<RankedCustomer> exact = all(sort, size, at);
					restore(saved, serving);
					assertThat(fast).as(sort + " by " + size + " as of " + at).isEqualTo(exact);
					for (RankedCustomer customer : fast) {
						TrustScore expected = TrustCalculator
							.score(observations(byCustomer.getOrDefault(customer.id(), List.of()), policy), policy, at);
						assertThat(customer.trust() == null).isEqualTo(!expected.hasData());
						if (expected.hasData()) {
							assertThat(customer.trust()).isCloseTo(expected.trust(), within(TOLERANCE));
						}
					}
				}
				// the pages answered through the reference, not by the exact path behind
				// it
				Map<String, Object> params = ScoringSql.trustParameters(policy, serving.basis().decayTo(at));
				assertThat(pages.page(policy, reference, params, 0, 7, sort == CustomerSort.TRUST_DESC))
					.as("first page through the reference")
					.isPresent();
				assertThat(pages.page(policy, reference, params, 21, 7, sort == CustomerSort.TRUST_DESC))
					.as("fourth page through the reference")
					.isPresent();
			}
		}
	}

	/** Refreshes the stored trust with the clock at {@code at}; the instant it stored. */
	private Instant refreshAt(Serving serving, Instant at) {
		clock.at(at, () -> {
			references.refresh(serving);
			return null;
		});
		return jdbc.sql("select instant from trust_reference where basis_id = ?")
			.param(serving.basis().id())
			.query((rs, row) -> rs.getTimestamp("instant").toInstant())
			.single();
	}

	private List<RankedCustomer> all(CustomerSort sort, int size, Instant at) {
		List<RankedCustomer> all = new ArrayList<>();
		for (int page = 0;; page++) {
			CustomerRankingPage result = rankings
				.find(new CustomerRankingQuery(null, null, null, null, sort, page, size, at));
			all.addAll(result.customers());
			if (!result.hasNext() || page > 40) {
				return all;
			}
		}
	}

	/** Removes the reference row (the exact path answers), returning its instant. */
	private String saveAndForget(Serving serving) {
		String instant = jdbc.sql("select instant::text from trust_reference where basis_id = ?")
			.param(serving.basis().id())
			.query(String.class)
			.single();
		jdbc.sql("delete from trust_reference where basis_id = ?").param(serving.basis().id()).update();
		return instant;
	}

	private void restore(String instant, Serving serving) {
		jdbc.sql("insert into trust_reference values (?, ?, cast(? as timestamptz), now())")
			.param(serving.basis().id())
			.param(serving.version().version())
			.param(instant)
			.update();
	}

	/** Within two years before now, to the microsecond. */
	private static Instant past(Random random) {
		return Instant.now()
			.minus(Duration.ofSeconds(random.nextInt(86_400 * 730)))
			.truncatedTo(ChronoUnit.SECONDS)
			.plusNanos(1000L * random.nextInt(1_000_000));
	}

	private static List<Observation> observations(List<FeedbackFacts> facts, ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>();
		facts.forEach(fact -> observations.addAll(fact.observations(policy)));
		return observations;
	}

}
