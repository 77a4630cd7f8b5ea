package io.shinrai.recovery;

import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;
import io.shinrai.feedback.Source;
import io.shinrai.recovery.RecoveryFixtures.Feedback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who owns a new case: the segment's manager, else the managers in turn, never simply
 * whoever imported.
 */
@IntegrationTest
@TestPropertySource(
		properties = { "shinrai.recovery.default-owner.rule=round-robin", "shinrai.recovery.default-owner.segments["
				+ DefaultOwnersIntegrationTests.OWNED_SEGMENT + "]=" + DefaultOwnersIntegrationTests.SEGMENT_OWNER })
class DefaultOwnersIntegrationTests {

	static final String OWNED_SEGMENT = "Owned-segment-for-default-owners";

	static final String SEGMENT_OWNER = "segment-owner";

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private io.shinrai.TestFeedback testFeedback;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryCases recoveryCases;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private DefaultOwners defaultOwners;

	private RecoveryFixtures fixtures;

	@BeforeEach
	void twoManagersAtLeast() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		for (String name : List.of("second-manager", SEGMENT_OWNER)) {
			if (accounts.find(name).isEmpty()) {
				accounts.create(name, name, TestUsers.PASSWORD, Role.MANAGER);
			}
		}
	}

	private String ownerOfCaseOf(long customer) {
		return recoveryCases.ofCustomer(customer).get(0).owner();
	}

	@Test
	void casesOfAnImportGoToTheManagersInTurnNotToTheImporter() {
		List<String> rotation = defaultOwners.rotation();
		assertThat(rotation).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy(name -> assertThat(accounts.roleOf(name)).contains(Role.MANAGER));
		long a = fixtures.customer();
		long b = fixtures.customer();

		fixtures.importBatch(List.of(Feedback.negative(a, java.time.Instant.now(), TestUsers.MANAGER).from(Source.CSV),
				Feedback.negative(b, java.time.Instant.now(), TestUsers.MANAGER).from(Source.CSV)));

		// the two customers' cases, opened in customer order, go to the first two of the
		// rotation
		assertThat(List.of(ownerOfCaseOf(a), ownerOfCaseOf(b))).containsExactly(rotation.get(0), rotation.get(1));
	}

	@Test
	void theNextCaseGoesToTheManagerGivenOneLongestAgo() {
		long a = fixtures.customer();
		fixtures.logNegative(a, TestUsers.MANAGER);
		String first = ownerOfCaseOf(a);

		assertThat(defaultOwners.rotation()).last().isEqualTo(first);
		long b = fixtures.customer();
		fixtures.logNegative(b, TestUsers.MANAGER);
		assertThat(ownerOfCaseOf(b)).isNotEqualTo(first).isNotNull();
	}

	@Test
	void aSegmentsCasesGoToItsManager() {
		long customer = fixtures.customer(OWNED_SEGMENT);

		fixtures.logNegative(customer, TestUsers.MANAGER);

		assertThat(ownerOfCaseOf(customer)).isEqualTo(SEGMENT_OWNER);
	}

}
