package io.shinrai.feedback.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.shinrai.IntegrationTest;
import io.shinrai.audit.AuditLog;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an import leaves when the application stops under it, and what the next start does
 * with that: the upload's working file is private while it waits, and at start-up the
 * jobs this instance was running are failed at once and the files of jobs no longer
 * running removed.
 */
@IntegrationTest
class ImportRestartIntegrationTests {

	private static final String ACTOR = "manager";

	@Autowired
	private ImportJobs jobs;

	@Autowired
	private CsvFeedbackWriter writer;

	@Autowired
	private AuditLog audit;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private JdbcClient jdbc;

	@TempDir
	Path area;

	private final String run = CsvFixtures.newRun();

	private final String instance = "restart-" + run;

	private FeedbackImports started;

	@AfterEach
	void stop() {
		if (started != null) {
			started.destroy();
		}
		jdbc.sql("update feedback_import set status = 'FAILED', failure = 'import.failed.unexpected' "
				+ "where status = 'RUNNING' and instance_id like ?")
			.param("restart-" + run + "%")
			.update();
	}

	@Test
	void keepsAnUploadInAFileOnlyItsOwnerReadsInADirectoryOnlyItsOwnerOpens() throws Exception {
		CountDownLatch stored = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ImportBatchWriter waiting = (rows, importId, actor) -> {
			stored.countDown();
			awaitLatch(release);
			return writer.write(rows, importId, actor);
		};
		Path directory = area.resolve("imports");
		started = instance(waiting, directory, instance);
		long id = started.start(new ByteArrayInputStream(csv(3).getBytes(StandardCharsets.UTF_8)), "private.csv",
				ACTOR);
		try {
			assertThat(stored.await(30, TimeUnit.SECONDS)).isTrue();
			Path working = directory.resolve("job-" + id + ".csv");
			assertThat(working).exists();
			assertThat(mode(working)).isEqualTo("rw-------");
			assertThat(mode(directory)).isEqualTo("rwx------");
		}
		finally {
			release.countDown();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> started.get(id).status() == FeedbackImport.Status.COMPLETED);
		await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(directory.resolve("job-" + id + ".csv")));
	}

	@Test
	void failsTheJobsThisInstanceWasRunningAtOnceWhenItStartsAgain() {
		long mine = jobs.create(run + "-mine.csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10, ACTOR,
				instance);
		long other = jobs.create(run + "-other.csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10, ACTOR,
				instance + "-other");
		jdbc.sql("update feedback_import set rows_done = 4, imported = 4 where id = ?").param(mine).update();

		started = instance(writer::write, area.resolve("imports"), instance);
		started.afterSingletonsInstantiated();

		FeedbackImport failed = started.get(mine);
		assertThat(failed.status()).isEqualTo(FeedbackImport.Status.FAILED);
		assertThat(failed.failureKey()).isEqualTo("import.failed.restarted");
		assertThat(failed.failureArgs()).containsExactly("4");
		assertThat(failed.imported()).isEqualTo(4);
		assertThat(failed.finishedAt()).isNotNull();
		assertThat(started.get(other).status()).as("another instance's job").isEqualTo(FeedbackImport.Status.RUNNING);
		assertThat(jdbc.sql("select summary from audit_event where type = 'IMPORT_FAILED' and subject = ?")
			.param("import " + mine)
			.query(String.class)
			.single()).contains("4 imported", "import.failed.restarted");
	}

	@Test
	void removesTheWorkingFilesOfJobsNoLongerRunningAtStart() throws IOException {
		long finished = jobs.create(run + "-done.csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10, ACTOR,
				instance);
		jdbc.sql("update feedback_import set status = 'COMPLETED' where id = ?").param(finished).update();
		long running = jobs.create(run + "-running.csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10, ACTOR,
				instance + "-other");
		long interrupted = jobs.create(run + "-interrupted.csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10,
				ACTOR, instance);
		Path directory = area.resolve("imports");
		Files.createDirectories(directory);
		Path doneFile = Files.writeString(directory.resolve("job-" + finished + ".csv"), "customer names");
		Path runningFile = Files.writeString(directory.resolve("job-" + running + ".csv"), "customer names");
		Path interruptedFile = Files.writeString(directory.resolve("job-" + interrupted + ".csv"), "customer names");
		Path myUpload = Files.writeString(directory.resolve("upload-" + instance + "+123.csv"), "customer names");
		Path othersUpload = Files.writeString(directory.resolve("upload-" + instance + "-other+123.csv"), "names");
		Path unrelated = Files.writeString(directory.resolve("notes.txt"), "left alone");

		started = instance(writer::write, directory, instance);
		started.afterSingletonsInstantiated();

		assertThat(doneFile).doesNotExist();
		assertThat(interruptedFile).doesNotExist();
		assertThat(myUpload).doesNotExist();
		assertThat(runningFile).exists();
		assertThat(othersUpload).exists();
		assertThat(unrelated).exists();
		assertThat(mode(directory)).isEqualTo("rwx------");
	}

	@Test
	void importsExactlyTheRestWhenTheFileOfAnInterruptedJobIsImportedAgain() throws IOException {
		AtomicInteger batches = new AtomicInteger();
		ImportBatchWriter stoppingAfterTwo = (rows, importId, actor) -> {
			if (batches.incrementAndGet() == 2) {
				throw new org.springframework.dao.QueryTimeoutException("the application stopped");
			}
			return writer.write(rows, importId, actor);
		};
		Path file = Files.writeString(area.resolve("rest.csv"), csv(5));
		FeedbackImports first = instance(stoppingAfterTwo, area.resolve("imports"), instance);
		FeedbackImport interrupted;
		try {
			interrupted = first.run(file, "rest.csv", ACTOR);
		}
		finally {
			first.destroy();
		}
		assertThat(interrupted.status()).isEqualTo(FeedbackImport.Status.FAILED);
		assertThat(interrupted.imported()).isEqualTo(2);

		FeedbackImport again = imports.run(file, "rest.csv", ACTOR);
		assertThat(again.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(List.of(again.imported(), again.skipped(), again.rejected())).containsExactly(3L, 2L, 0L);
		assertThat(jdbc.sql("select count(*) from feedback where external_id like ?")
			.param(run + "-%")
			.query(Long.class)
			.single()).isEqualTo(5);
	}

	private FeedbackImports instance(ImportBatchWriter batchWriter, Path directory, String instanceId) {
		return new FeedbackImports(jobs, batchWriter, audit, transactions, event -> {
		}, FeedbackImportIntegrationTests.TOKYO, FeedbackImportIntegrationTests.smallBatches(directory),
				new InstanceProperties(instanceId), 0);
	}

	private String csv(int rows) {
		StringBuilder csv = new StringBuilder(String.join(",", CsvColumn.headers())).append("\r\n");
		for (int i = 1; i <= rows; i++) {
			csv.append(run)
				.append('-')
				.append(i)
				.append(',')
				.append(run)
				.append("-C1,Customer,SMB,2026-05-0")
				.append(i)
				.append("T10:00:00Z,")
				.append(Channel.EMAIL)
				.append(',')
				.append(Category.DELIVERY)
				.append(",3,,,,,,,,,comment ")
				.append(i)
				.append("\r\n");
		}
		return csv.toString();
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
