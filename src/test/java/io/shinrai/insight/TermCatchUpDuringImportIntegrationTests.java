package io.shinrai.insight;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.feedback.Signal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled comment-term catch-up waits while an import is being stored by any
 * instance, and counts what was queued once the import ends or its process is found dead.
 */
@IntegrationTest
class TermCatchUpDuringImportIntegrationTests {

	@Autowired
	private TermCountMaintenance maintenance;

	@Autowired
	private TestFeedback feedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	private Long importId;

	/**
	 * Jobs other tests left RUNNING (simulated crashes of other instances) would hold the
	 * catch-up up as well: they are made silent, as their processes are.
	 */
	@BeforeEach
	void silenceOtherImports() {
		jdbc.sql("update feedback_import set heartbeat_at = heartbeat_at - interval '1 day' where status = 'RUNNING'")
			.update();
	}

	@AfterEach
	void removeImport() {
		if (importId != null) {
			jdbc.sql("delete from feedback_import where id = ?").param(importId).update();
		}
	}

	@Test
	void waitsWhileAnImportRunsAndCountsWhenItEnds() {
		importId = runningImport(clock.instant());
		long stored = comment("配送が遅れました");

		long queuedBefore = maintenance.pending();
		maintenance.scheduledCatchUp();
		assertThat(maintenance.pending()).as("nothing counted while the import runs").isEqualTo(queuedBefore);
		assertThat(queued(stored)).isTrue();

		jdbc.sql("update feedback_import set status = 'COMPLETED', finished_at = heartbeat_at where id = ?")
			.param(importId)
			.update();
		catchUpUntilCounted(stored);
		assertThat(queued(stored)).as("counted after the import").isFalse();
		assertThat(jdbc.sql("select count(*) from insight_entry_terms where feedback_id = ?")
			.param(stored)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anImportOfADeadProcessDoesNotHoldItUp() {
		importId = runningImport(clock.instant().minus(Duration.ofHours(1)));
		long stored = comment("Staff were friendly");

		catchUpUntilCounted(stored);

		assertThat(queued(stored)).isFalse();
	}

	/**
	 * Runs the scheduled catch-up until the entry is counted (other tests may have queued
	 * more than one run takes), a bounded number of times.
	 */
	private void catchUpUntilCounted(long feedbackId) {
		for (int run = 0; run < 100 && queued(feedbackId); run++) {
			long before = maintenance.pending();
			maintenance.scheduledCatchUp();
			if (maintenance.pending() == before) {
				return;
			}
		}
	}

	private long comment(String text) {
		long customer = feedback.customer(TestFeedback.uniqueSegment(), "Terms customer");
		return feedback.entry(customer, clock.instant().minusSeconds(60))
			.rating(Signal.QUALITY, 4)
			.comment(text)
			.save();
	}

	private boolean queued(long feedbackId) {
		return jdbc.sql("select count(*) from insight_term_pending where feedback_id = ?")
			.param(feedbackId)
			.query(Long.class)
			.single() > 0;
	}

	private long runningImport(Instant heartbeat) {
		return jdbc.sql("""
				insert into feedback_import (file_name, file_size, encoding, header, status, started_by, started_at,
				    total_rows, heartbeat_at)
				values ('big.csv', 1, 'UTF-8', '{customer_ref}', 'RUNNING', 'manager', ?, 1000000, ?)
				returning id
				""").param(Timestamp.from(heartbeat)).param(Timestamp.from(heartbeat)).query(Long.class).single();
	}

}
