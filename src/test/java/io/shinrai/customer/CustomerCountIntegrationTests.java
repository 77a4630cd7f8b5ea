package io.shinrai.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.IntegrationTest;

/**
 * The maintained number of customers ({@link CustomerCount}) equals a count of every row
 * after each way customers are created, merged away or erased, in one snapshot: a path
 * that inserted or deleted customers without the count following fails here.
 */
@IntegrationTest
class CustomerCountIntegrationTests {

	@Autowired
	private CustomerCount count;

	@Autowired
	private CustomerDirectory directory;

	@Autowired
	private CustomerMerges merges;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	private static String reference() {
		return "CC-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The maintained count and a count of every row, read in one snapshot. */
	private long[] bothCounts() {
		TransactionTemplate snapshot = new TransactionTemplate(transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		return snapshot.execute(status -> new long[] { count.all(),
				jdbc.sql("select count(*) from customer").query(Long.class).single() });
	}

	private long assertExact() {
		long[] counts = bothCounts();
		assertThat(counts[0]).as("maintained count against count(*)").isEqualTo(counts[1]);
		return counts[0];
	}

	@Test
	void followsEveryCreation() {
		long before = assertExact();
		directory.create(CustomerDetails.of(reference(), "Created", "Retail"), "admin");
		directory.findOrCreate(reference(), "Found or created", "Retail");
		Map<String, Long> imported = directory.findOrCreateAll(List.of(CustomerDetails.of(reference(), "A", "SMB"),
				CustomerDetails.of(reference(), "B", "SMB"), CustomerDetails.of(reference(), "C", null)));
		assertThat(imported).hasSize(3);
		assertThat(assertExact()).isGreaterThanOrEqualTo(before + 5);
	}

	@Test
	void findingExistingCustomersAddsNothing() {
		String reference = reference();
		directory.findOrCreate(reference, "Once", "Retail");
		long before = assertExact();
		directory.findOrCreateAll(List.of(CustomerDetails.of(reference, "Again", "Retail")));
		directory.findOrCreate(reference, "Again", "Retail");
		assertThatThrownBy(() -> directory.create(CustomerDetails.of(reference, "Taken", "Retail"), "admin"))
			.isInstanceOf(DuplicateReferenceException.class);
		long[] after = bothCounts();
		assertThat(after[0]).isEqualTo(after[1]);
		assertThat(jdbc.sql("select count(*) from customer where reference = ?")
			.param(reference)
			.query(Long.class)
			.single()).isOne();
		assertThat(before).isLessThanOrEqualTo(after[0]);
	}

	@Test
	void followsAMergeThatDeletesTheAbsorbedCustomers() {
		String survivor = reference();
		String absorbed = reference();
		directory.findOrCreate(survivor, "Survivor", "Retail");
		directory.findOrCreate(absorbed, "Absorbed", "Retail");
		assertExact();
		merges.mergeCustomers(new CustomerMerges.CustomerMergeRequest(survivor, List.of(absorbed), null), "admin");
		assertThat(directory.findByReference(absorbed)).isEmpty();
		assertExact();
	}

	@Test
	void anErasureKeepsTheRowAndTheCount() {
		Customer customer = directory.findOrCreate(reference(), "To erase", "Retail");
		long before = assertExact();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			directory.lockForErasure(customer.getId());
			directory.erase(customer.getId(), "Erased customer", Instant.now());
		});
		assertThat(directory.erasedAmong(List.of(customer.getId()))).containsExactly(customer.getId());
		long[] after = bothCounts();
		assertThat(after[0]).isEqualTo(after[1]).isGreaterThanOrEqualTo(before);
	}

	@Test
	void followsStatementsOfAnyPathAndIgnoresWhatRolledBack() {
		assertExact();
		jdbc.sql("insert into customer (reference, name, segment, language, created_at)"
				+ " select 'CC-raw-' || g || '-' || ?, 'Raw', '', 'ja', now() from generate_series(1, 3) g")
			.param(UUID.randomUUID().toString())
			.update();
		assertExact();
		jdbc.sql("delete from customer where reference like 'CC-raw-%' and name = 'Raw'").update();
		assertExact();
		TransactionTemplate rolledBack = new TransactionTemplate(transactions);
		rolledBack.executeWithoutResult(status -> {
			directory.findOrCreate(reference(), "Rolled back", "Retail");
			status.setRollbackOnly();
		});
		assertExact();
	}

	@Test
	void foldingKeepsTheNumber() {
		directory.findOrCreate(reference(), "Before folding", "Retail");
		long before = assertExact();
		count.fold();
		assertThat(jdbc.sql("select count(*) from customer_count").query(Long.class).single()).isOne();
		assertThat(assertExact()).isGreaterThanOrEqualTo(before);
		count.fold();
		assertExact();
	}

}
