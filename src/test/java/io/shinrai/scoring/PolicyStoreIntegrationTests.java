package io.shinrai.scoring;

import io.shinrai.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PolicyStore} keeps in memory is safe with several instances: which version
 * is active is read every time, and only committed versions are cached. Each test rolls
 * back what it stored, so the shared policy stays.
 */
@IntegrationTest
class PolicyStoreIntegrationTests {

	@Autowired
	private PolicyStore store;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	/**
	 * Stores a copy of the active version as {@code number}, the active one when
	 * {@code active}.
	 */
	private void storeCopyOfActive(int number, boolean active) {
		if (active) {
			jdbc.sql("update scoring_policy set active = false where active").update();
		}
		jdbc.sql("""
				insert into scoring_policy (version, weights, half_life_days, prior_strength, prior_mean, severities,
				    low_threshold, high_threshold, risk_window_days, at_risk_count, acknowledge_within_hours,
				    activated_at, activated_by, reason, copied_from, active)
				select :number, weights, half_life_days, prior_strength, prior_mean, severities, low_threshold,
				    high_threshold, risk_window_days, at_risk_count, acknowledge_within_hours, now(), 'elsewhere',
				    'stored by another instance', null, :active
				from scoring_policy where version = (select max(version) from scoring_policy)
				""").param("number", number).param("active", active).update();
	}

	private int unusedNumber() {
		return jdbc.sql("select coalesce(max(version), 0) + 1000 from scoring_policy").query(Integer.class).single();
	}

	@Test
	void anActivationStoredElsewhereIsTheActiveVersionOnTheNextRead() {
		int before = store.active().version();
		int number = unusedNumber();
		TransactionTemplate tx = new TransactionTemplate(transactions);

		tx.executeWithoutResult(status -> {
			storeCopyOfActive(number, true);
			assertThat(store.active().version()).isEqualTo(number);
			status.setRollbackOnly();
		});

		assertThat(store.active().version()).isEqualTo(before);
	}

	@Test
	void aVersionReadInATransactionThatRolledBackIsNotRemembered() {
		int number = unusedNumber();
		TransactionTemplate tx = new TransactionTemplate(transactions);

		tx.executeWithoutResult(status -> {
			storeCopyOfActive(number, false);
			assertThat(store.find(number)).isPresent();
			status.setRollbackOnly();
		});

		assertThat(store.find(number)).isEmpty();
	}

}
