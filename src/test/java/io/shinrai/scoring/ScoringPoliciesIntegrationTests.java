package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.PolicyChange.FieldChange;

/**
 * Stored policy versions: activation, refusal of stale or invalid drafts, history,
 * immediate effect, preview.
 */
@IntegrationTest
class ScoringPoliciesIntegrationTests {

	@Autowired
	private ScoringPolicies policies;

	@Autowired
	private TrustScores scores;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	private ScoringTestSupport support;

	@BeforeEach
	void setUp() {
		support = new ScoringTestSupport(jdbc, policies);
		support.restoreDefaults();
	}

	@AfterEach
	void restoreDefaults() {
		support.restoreDefaults();
	}

	@Test
	void theDefaultsAreVersionOneFromTheMigration() {
		PolicyVersion first = policies.version(1).orElseThrow();

		assertThat(first.policy()).isEqualTo(ScoringPolicy.defaults());
		assertThat(first.activatedBy()).isEqualTo("system");
		assertThat(first.reason()).isNotBlank();
	}

	@Test
	void activatesANewVersionWithWhoWhenAndWhyAndAudits() {
		PolicyVersion before = policies.active();
		ScoringPolicy draft = withWeights(before.policy(), 40, 20, 20, 10, 10);

		PolicyVersion activated = policies.activate(draft, "  Transparency matters most  ", before.version(), "admin");

		assertThat(activated.version()).isGreaterThan(before.version());
		assertThat(policies.active()).isEqualTo(activated);
		assertThat(activated.policy()).isEqualTo(draft);
		assertThat(activated.activatedBy()).isEqualTo("admin");
		assertThat(activated.reason()).isEqualTo("Transparency matters most");
		assertThat(activated.activatedAt()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'POLICY_ACTIVATED' and subject = ?")
			.param("scoring policy version " + activated.version())
			.query(Long.class)
			.single()).isOne();
		assertThat(jdbc.sql("select count(*) from scoring_policy where active").query(Long.class).single()).isOne();
	}

	@Test
	void aWeightChangeServesOnTheNextReadWithoutRecomputation() {
		PolicyVersion before = policies.active();
		long bases = jdbc.sql("select count(*) from scoring_basis").query(Long.class).single();
		Random random = new Random(3);
		FeedbackFixture fixture = new FeedbackFixture(testFeedback, jdbc);
		String segment = "W-" + UUID.randomUUID();
		long customer = fixture.customer(segment, "Weighted", segment);
		for (int i = 0; i < 8; i++) {
			fixture.store(FeedbackFixture.randomDraft(random, customer, Instant.now().minus(Duration.ofDays(i * 9))));
		}
		ScoringPolicy draft = withWeights(before.policy(), 0, 0, 0, 100, 0);

		PolicyVersion activated = policies.activate(draft, "Only quality", before.version(), "admin");

		assertThat(policies.serving()).isEqualTo(activated);
		assertThat(jdbc.sql("select count(*) from scoring_basis").query(Long.class).single()).isEqualTo(bases);
		Instant now = Instant.now();
		ScopeTrust scope = scores.forScope(new Scope(segment, null), now);
		TrustScore quality = scope.score();
		// with only quality weighted, trust is the quality signal's score
		assertThat(quality.trust()).isCloseTo(quality.signal(Signal.QUALITY).score(), within(1e-9));
		assertThat(scores.forCustomer(customer, now).score().trust()).isCloseTo(quality.trust(), within(1e-6));
	}

	@Test
	void historyListsEveryVersionNewestFirstWithWhatChanged() {
		PolicyVersion before = policies.active();
		ScoringPolicy draft = withWeights(before.policy(), 30, 20, 20, 20, 20);
		PolicyVersion activated = policies.activate(draft, "More transparency", before.version(), "admin");

		List<PolicyChange> history = policies.history();

		assertThat(history.get(0).version()).isEqualTo(activated);
		assertThat(history.get(0).active()).isTrue();
		assertThat(history.get(0).changes()).containsExactly(new FieldChange("weights.transparency", 20, 30));
		assertThat(history.get(history.size() - 1).version().version()).isOne();
		assertThat(history.stream().filter(PolicyChange::active)).hasSize(1);
	}

	@Test
	void reactivatingAnOlderVersionActivatesACopy() {
		PolicyVersion before = policies.active();
		policies.activate(withWeights(before.policy(), 10, 20, 20, 20, 30), "Values", before.version(), "admin");
		int current = policies.active().version();

		PolicyVersion copy = policies.reactivate(1, "Back to the defaults", current, "admin");

		assertThat(copy.version()).isGreaterThan(current);
		assertThat(copy.copiedFrom()).isOne();
		assertThat(copy.policy()).isEqualTo(ScoringPolicy.defaults());
		assertThat(policies.version(1).orElseThrow().activatedBy()).isEqualTo("system");
	}

	@Test
	void previewComparesTheActiveVersionWithADraft() {
		Random random = new Random(5);
		FeedbackFixture fixture = new FeedbackFixture(testFeedback, jdbc);
		long customer = fixture.customer("P-" + UUID.randomUUID(), "Previewed", "preview");
		for (int i = 0; i < 6; i++) {
			fixture.store(FeedbackFixture.randomDraft(random, customer, Instant.now().minus(Duration.ofDays(20 * i))));
		}
		Instant now = Instant.now();
		ScoringPolicy draft = withHalfLife(policies.active().policy(), 30);

		PolicyPreview same = scores.preview(policies.active().policy(), now);
		PolicyPreview preview = scores.preview(draft, now);

		TrustScore company = scores.forScope(Scope.company(), now).score();
		assertThat(same.active().company().trust()).isCloseTo(company.trust(), within(1e-6));
		assertThat(same.draft().company().trust()).isCloseTo(company.trust(), within(1e-6));
		// the active version against itself moves nobody: no list of 0.0 changes
		assertThat(same.biggestMoves()).isEmpty();
		List<FeedbackFixture.Row> rows = fixture.allRows();
		List<Observation> observations = rows.stream()
			.flatMap(row -> row.facts().observations(draft).stream())
			.toList();
		assertThat(preview.draft().company().trust()).isCloseTo(TrustCalculator.score(observations, draft, now).trust(),
				within(1e-6));
		long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
		assertThat(preview.draft().customersByBand().values().stream().mapToLong(Long::longValue).sum()
				+ preview.draft().customersWithoutData())
			.isEqualTo(customers);
		assertThat(preview.draft().customersByStatus().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(customers);
		assertThat(preview.biggestMoves()).hasSizeLessThanOrEqualTo(10).allSatisfy(move -> {
			assertThat(move.reference()).isNotNull();
			assertThat(move.name()).isNotNull();
		});
		assertThat(preview.biggestMoves())
			.allSatisfy(move -> assertThat(Math.abs(move.change())).isGreaterThanOrEqualTo(0.05));
		for (int i = 1; i < preview.biggestMoves().size(); i++) {
			assertThat(Math.abs(preview.biggestMoves().get(i).change()))
				.isLessThanOrEqualTo(Math.abs(preview.biggestMoves().get(i - 1).change()));
		}
	}

	@Test
	void storedVersionsCannotBeChangedOrDeleted() {
		assertThatThrownBy(() -> jdbc.sql("update scoring_policy set half_life_days = 10 where version = 1").update())
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("immutable");
		assertThatThrownBy(() -> jdbc.sql("delete from scoring_policy where version = 1").update())
			.isInstanceOf(DataAccessException.class);
	}

	@Nested
	class Refusals {

		@Test
		void refusesADraftBasedOnAVersionThatIsNoLongerActive() {
			PolicyVersion base = policies.active();
			PolicyVersion first = policies.activate(withWeights(base.policy(), 25, 20, 20, 20, 15), "First admin",
					base.version(), "admin");

			assertThatThrownBy(() -> policies.activate(withWeights(base.policy(), 15, 20, 20, 20, 25), "Second admin",
					base.version(), "other-admin"))
				.isInstanceOfSatisfying(StalePolicyVersionException.class, ex -> {
					assertThat(ex.basedOnVersion()).isEqualTo(base.version());
					assertThat(ex.activeVersion()).isEqualTo(first.version());
				});
			assertThat(policies.active()).isEqualTo(first);
		}

		@Test
		void refusesEveryFieldOutsideItsRangeWithItsOwnKey() {
			ScoringPolicy d = ScoringPolicy.defaults();
			Map<IncidentType, Integer> severities = new EnumMap<>(d.severities());
			severities.put(IncidentType.DATA_MISUSE, 11);
			Map<Signal, Integer> weights = new EnumMap<>(d.weights());
			weights.put(Signal.VALUES, 101);
			ScoringPolicy bad = new ScoringPolicy(weights, 6.5, 51, -1, severities, 80, 70, 366, 0, 721);
			int active = policies.active().version();

			assertThatThrownBy(() -> policies.activate(bad, " ", active, "admin"))
				.isInstanceOfSatisfying(InvalidPolicyException.class, ex -> assertThat(ex.errors())
					.extracting(PolicyFieldError::field, PolicyFieldError::messageKey)
					.containsExactlyInAnyOrder(
							org.assertj.core.groups.Tuple.tuple("weights.values", "scoring.policy.invalid.weights"),
							org.assertj.core.groups.Tuple.tuple("halfLifeDays", "scoring.policy.invalid.halfLifeDays"),
							org.assertj.core.groups.Tuple.tuple("priorStrength",
									"scoring.policy.invalid.priorStrength"),
							org.assertj.core.groups.Tuple.tuple("priorMean", "scoring.policy.invalid.priorMean"),
							org.assertj.core.groups.Tuple.tuple("severities.DATA_MISUSE",
									"scoring.policy.invalid.severities"),
							org.assertj.core.groups.Tuple.tuple("highThreshold",
									"scoring.policy.invalid.thresholdOrder"),
							org.assertj.core.groups.Tuple.tuple("riskWindowDays",
									"scoring.policy.invalid.riskWindowDays"),
							org.assertj.core.groups.Tuple.tuple("atRiskCount", "scoring.policy.invalid.atRiskCount"),
							org.assertj.core.groups.Tuple.tuple("acknowledgeWithinHours",
									"scoring.policy.invalid.acknowledgeWithinHours"),
							org.assertj.core.groups.Tuple.tuple("reason", "scoring.policy.invalid.reason")));
			assertThat(policies.active().version()).isEqualTo(active);
		}

		@Test
		void refusesAllWeightsZero() {
			ScoringPolicy zero = withWeights(ScoringPolicy.defaults(), 0, 0, 0, 0, 0);

			assertThat(PolicyValidation.check(zero)).extracting(PolicyFieldError::messageKey)
				.containsExactly("scoring.policy.invalid.weightsAllZero");
		}

		@Test
		void acceptsTheEdgesOfEveryRange() {
			ScoringPolicy d = ScoringPolicy.defaults();
			Map<IncidentType, Integer> severities = new EnumMap<>(d.severities());
			severities.put(IncidentType.DATA_MISUSE, 10);
			severities.put(IncidentType.HIDDEN_FEES, 0);
			ScoringPolicy edges = new ScoringPolicy(withWeights(d, 100, 0, 0, 0, 0).weights(), 3650, 0, 100, severities,
					0, 100, 7, 10, 720);

			assertThat(PolicyValidation.check(edges)).isEmpty();
			assertThat(PolicyValidation
				.check(new ScoringPolicy(d.weights(), 7, 50, 0, d.severities(), 99.9, 100, 365, 1, 1))).isEmpty();
		}

	}

	static ScoringPolicy withWeights(ScoringPolicy p, int transparency, int consistency, int communication, int quality,
			int values) {
		Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
		weights.put(Signal.TRANSPARENCY, transparency);
		weights.put(Signal.CONSISTENCY, consistency);
		weights.put(Signal.COMMUNICATION, communication);
		weights.put(Signal.QUALITY, quality);
		weights.put(Signal.VALUES, values);
		return new ScoringPolicy(weights, p.halfLifeDays(), p.priorStrength(), p.priorMean(), p.severities(),
				p.lowThreshold(), p.highThreshold(), p.riskWindowDays(), p.atRiskCount(), p.acknowledgeWithinHours());
	}

	static ScoringPolicy withHalfLife(ScoringPolicy p, double halfLifeDays) {
		return new ScoringPolicy(p.weights(), halfLifeDays, p.priorStrength(), p.priorMean(), p.severities(),
				p.lowThreshold(), p.highThreshold(), p.riskWindowDays(), p.atRiskCount(), p.acknowledgeWithinHours());
	}

}
