package io.shinrai.scoring;

import java.time.Duration;

import org.awaitility.Awaitility;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for background recomputations and puts the default policy back, for tests that
 * share one database.
 */
final class ScoringTestSupport {

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	ScoringTestSupport(JdbcClient jdbc, ScoringPolicies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	/**
	 * Until the active version is served from a READY basis (the first build after
	 * start-up runs in the background).
	 */
	void awaitServingBasis() {
		Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> policies.servingState().basis() != null
					&& policies.serving().version() == policies.active().version()
					&& !jdbc.sql("select exists (select 1 from scoring_basis where state = 'BUILDING')")
						.query(Boolean.class)
						.single());
	}

	/**
	 * Activates the defaults again if another policy is active, and waits until they
	 * serve.
	 */
	void restoreDefaults() {
		PolicyVersion active = policies.active();
		if (!active.policy().equals(ScoringPolicy.defaults())) {
			policies.activate(ScoringPolicy.defaults(), "Back to the defaults after a test", active.version(), "test");
		}
		awaitServingBasis();
	}

}
