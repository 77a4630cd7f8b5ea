package io.shinrai.feedback.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.shinrai.FullWidth;
import io.shinrai.IntegrationTest;
import io.shinrai.audit.AuditLog;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.BusinessTimeProperties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@AutoConfigureMockMvc
class FeedbackImportIntegrationTests {

	static final BusinessTime TOKYO = new BusinessTime(new BusinessTimeProperties(ZoneId.of("Asia/Tokyo")),
			Clock.systemUTC());

	/**
	 * Imports of two rows per batch, one at a time, with the other settings as configured
	 * by default.
	 */
	static ImportProperties smallBatches(Path directory) {
		return new ImportProperties(2, 1, 1, 1, 10_000, 95, 1000, directory, Duration.ofMinutes(5),
				Duration.ofMinutes(1));
	}

	private static final String ACTOR = "manager";

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private ImportJobs jobs;

	@Autowired
	private JdbcClient jdbc;

	@TempDir
	Path directory;

	private final String run = CsvFixtures.newRun();

	@Test
	void importsUtf8WithAByteOrderMarkCreatingCustomers() {
		FeedbackImport job = importFixture("utf8-bom.csv");
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(job.encoding()).isEqualTo("UTF-8");
		assertThat(List.of(job.totalRows(), job.rowsDone(), job.imported(), job.skipped(), job.rejected()))
			.containsExactly(3L, 3L, 3L, 0L, 0L);

		StoredFeedback first = feedback.findByExternalId(run + "-1").orElseThrow();
		assertThat(first.customerRef()).isEqualTo(run + "-C1");
		assertThat(first.customerName()).isEqualTo("株式会社さくら商事");
		assertThat(first.customerSegment()).isEqualTo("中小企業");
		assertThat(first.receivedAt()).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
		assertThat(first.channel()).isEqualTo(Channel.EMAIL);
		assertThat(first.category()).isEqualTo(Category.DELIVERY);
		assertThat(first.ratings()).containsExactlyInAnyOrderEntriesOf(
				Map.of(Signal.TRANSPARENCY, 4, Signal.CONSISTENCY, 2, Signal.COMMUNICATION, 3));
		assertThat(List.of(first.nps(), first.csat(), first.ces())).containsExactly(6, 3, 4);
		assertThat(first.incidents()).containsOnlyKeys(IncidentType.BROKEN_PROMISE);
		assertThat(first.comment()).isEqualTo("配送が2日遅れました。");
		assertThat(first.source()).isEqualTo(Source.CSV);
		assertThat(first.loggedBy()).isEqualTo(ACTOR);
		assertThat(first.importId()).isEqualTo(job.id());

		assertThat(customers.findByReference(run + "-C2")).get()
			.satisfies(customer -> assertThat(customer.getName()).isEqualTo("Acme Corporation"));
		assertThat(storedOf(job)).hasSize(3);
	}

	@Test
	void importsWindows31jFromJapaneseExcelWithAMultiLineComment() {
		FeedbackImport job = importFixture("windows-31j.csv");
		assertThat(job.encoding()).isEqualTo("windows-31j");
		assertThat(job.imported()).isEqualTo(2);
		StoredFeedback first = feedback.findByExternalId(run + "-1").orElseThrow();
		assertThat(first.customerName()).isEqualTo("㈱みらい物産");
		assertThat(first.customerSegment()).isEqualTo("大企業");
		assertThat(first.receivedAt()).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
		assertThat(first.nps()).as("full-width digit").isEqualTo(3);
		assertThat(first.comment()).isEqualTo("担当者の説明が二転三転しました。\n① 納期が守られない\n② 連絡が来ない～");
		assertThat(feedback.findByExternalId(run + "-2").orElseThrow().customerName()).isEqualTo("佐藤一郎");
	}

	@Test
	void importsUtf8WithoutAByteOrderMarkWithColumnsInAnotherOrder() {
		FeedbackImport job = importFixture("utf8-no-bom.csv");
		assertThat(job.imported()).isEqualTo(2);
		StoredFeedback second = feedback.findByExternalId(run + "-2").orElseThrow();
		assertThat(second.comment()).isEqualTo("丁寧な対応");
		assertThat(second.channel()).isEqualTo(Channel.IN_PERSON);
		assertThat(second.receivedAt()).isEqualTo(Instant.parse("2026-03-31T15:00:00Z"));
	}

	@Test
	void importsAFileWhereExcelQuotedEveryCell() {
		FeedbackImport job = importFixture("excel-quoted.csv");
		assertThat(job.imported()).isEqualTo(2);
		assertThat(feedback.findByExternalId(run + "-1").orElseThrow().comment())
			.isEqualTo("He said \"we'll call back\",\nthen nobody called.");
	}

	@Test
	void importsNothingTwiceWhenTheSameFileComesAgain() {
		FeedbackImport first = importFixture("utf8-bom.csv");
		FeedbackImport second = importFixture("utf8-bom.csv");
		assertThat(first.imported()).isEqualTo(3);
		assertThat(second.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(List.of(second.imported(), second.skipped(), second.rejected())).containsExactly(0L, 3L, 0L);
		assertThat(storedOf(second)).isEmpty();
		// the row without external_id was recognised by its hash
		assertThat(jdbc
			.sql("select count(*) from feedback f join customer c on c.id = f.customer_id "
					+ "where c.reference = ? and f.external_id is null")
			.param(run + "-C1")
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void removesTheFormulaProtectionThatExportsAdd() {
		importFixture("formula.csv");
		StoredFeedback first = feedback.findByExternalId(run + "-1").orElseThrow();
		assertThat(first.customerName()).isEqualTo("=HYPERLINK(\"x\")");
		assertThat(first.customerSegment()).isEqualTo("@team");
		assertThat(first.comment()).isEqualTo("-5 stars");
		StoredFeedback second = feedback.findByExternalId(run + "-2").orElseThrow();
		assertThat(second.comment()).isEqualTo("'don't strip this");
	}

	@Nested
	class RejectsRows {

		@Test
		void withBadValuesGivingTheirLineAndReasonAndStoresTheGoodOnes() {
			FeedbackImport job = importFixture("bad-values.csv");
			assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
			assertThat(List.of(job.rowsDone(), job.imported(), job.rejected())).containsExactly(16L, 1L, 15L);
			assertThat(feedback.findByExternalId(run + "-16")).isPresent();
			Map<Long, List<String>> reasons = reasonsByLine(job);
			assertThat(reasons).containsEntry(2L, List.of("import.reason.badDate"))
				.containsEntry(3L, List.of("import.reason.unknownChannel"))
				.containsEntry(4L, List.of("import.reason.unknownCategory"))
				.containsEntry(5L, List.of("import.reason.notANumber"))
				.containsEntry(6L, List.of("import.reason.notANumber"))
				.containsEntry(7L, List.of("import.reason.unknownIncident"))
				.containsEntry(8L, List.of("feedback.rule.rating.range"))
				.containsEntry(9L, List.of("feedback.rule.nps.range"))
				.containsEntry(10L, List.of("feedback.rule.csat.range"))
				.containsEntry(11L, List.of("feedback.rule.ces.range"))
				.containsEntry(12L, List.of("feedback.rule.content.required"))
				.containsEntry(13L, List.of("feedback.rule.customerRef.required"))
				.containsEntry(14L, List.of("feedback.rule.receivedAt.required"))
				.containsEntry(15L, List.of("feedback.rule.channel.required"))
				.containsEntry(16L, List.of("feedback.rule.tooLong"));
			Rejection rating = jobs.rejections(job.id(), 0, 100)
				.stream()
				.filter(r -> r.line() == 8)
				.findFirst()
				.orElseThrow();
			assertThat(rating.reasons().get(0).args()).containsExactly("transparency", "feedback.rule.rating.range",
					"1", "5");
			assertThat(rating.cells()).hasSize(17).startsWith(run + "-7");
		}

		@Test
		void withTooManyOrTooFewCellsByTheirLine() {
			FeedbackImport job = importFixture("cell-counts.csv");
			assertThat(List.of(job.imported(), job.rejected())).containsExactly(2L, 2L);
			assertThat(reasonsByLine(job)).containsOnly(Map.entry(3L, List.of("import.reason.tooManyCells")),
					Map.entry(4L, List.of("import.reason.tooFewCells")));
		}

		@Test
		void byThePhysicalLineCountingLineBreaksInQuotedCells() {
			FeedbackImport job = importFixture("multiline.csv");
			assertThat(List.of(job.imported(), job.rejected())).containsExactly(2L, 1L);
			assertThat(reasonsByLine(job)).containsOnlyKeys(5L);
			assertThat(feedback.findByExternalId(run + "-1").orElseThrow().comment())
				.isEqualTo("first line\nsecond line\nthird line");
		}

		@Test
		void withATenMegabyteCellWithoutReadingItIntoMemory() throws IOException {
			Path file = directory.resolve("huge.csv");
			try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
				out.write(String.join(",", CsvColumn.headers()) + "\r\n");
				out.write(run + "-1," + run + "-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,\"");
				char[] chunk = new char[1024 * 1024];
				java.util.Arrays.fill(chunk, 'y');
				for (int i = 0; i < 10; i++) {
					out.write(chunk);
				}
				out.write("\"\r\n" + run + "-2," + run + "-C1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,after\r\n");
			}
			FeedbackImport job = imports.run(file, "huge.csv", ACTOR);
			assertThat(List.of(job.imported(), job.rejected())).containsExactly(1L, 1L);
			assertThat(reasonsByLine(job)).containsOnly(Map.entry(2L, List.of("import.reason.tooLong")));
			assertThat(feedback.findByExternalId(run + "-2")).isPresent();
		}

	}

	@Nested
	class RefusesFilesChangingNothing {

		@Test
		void thatAreEmptyHoldOnlyAHeaderHaveAWrongHeaderOrAreNotText() {
			long before = imports.count();
			assertRefused("empty.csv", "import.refused.empty");
			assertRefused("header-only.csv", "import.refused.headerOnly");
			assertRefused("wrong-header.csv", "import.refused.unknownColumns");
			assertRefused("extra-column.csv", "import.refused.unknownColumns");
			assertRefused("binary.png", "import.refused.binary");
			assertThat(jdbc.sql("select count(*) from feedback_import where file_name like ?")
				.param(run + "%")
				.query(Long.class)
				.single()).isZero();
			assertThat(customers.findByReference(run + "-C1")).isEmpty();
			assertThat(imports.count()).isGreaterThanOrEqualTo(before);
		}

		private void assertRefused(String name, String key) {
			Path file = CsvFixtures.file(directory, name, run);
			assertThatThrownBy(() -> imports.run(file, run + name, ACTOR)).isInstanceOf(ImportRefused.class)
				.extracting("key")
				.isEqualTo(key);
			assertThatThrownBy(() -> imports.start(file, run + name, ACTOR)).isInstanceOf(ImportRefused.class);
		}

	}

	@Test
	void keepsTheCommittedBatchesOfAJobThatFailsHalfwayAndSaysWhy(@Autowired CsvFeedbackWriter writer,
			@Autowired AuditLog audit, @Autowired PlatformTransactionManager transactions) throws IOException {
		AtomicInteger batches = new AtomicInteger();
		ImportBatchWriter failingSecondBatch = (rows, importId, actor) -> {
			if (batches.incrementAndGet() == 2) {
				throw new org.springframework.dao.DataIntegrityViolationException("the database refused the batch");
			}
			return writer.write(rows, importId, actor);
		};
		FeedbackImports smallBatches = new FeedbackImports(jobs, failingSecondBatch, audit, transactions, event -> {
		}, TOKYO, smallBatches(directory), new InstanceProperties("halfway-test"), 0);
		try {
			Path file = generated(5);
			FeedbackImport job = smallBatches.run(file, "halfway.csv", ACTOR);
			assertThat(job.status()).isEqualTo(FeedbackImport.Status.FAILED);
			assertThat(job.failureKey()).isEqualTo("import.failed.batch");
			assertThat(job.failureArgs()).containsExactly("4", "5");
			assertThat(List.of(job.totalRows(), job.rowsDone(), job.imported())).containsExactly(5L, 2L, 2L);
			assertThat(storedOf(job)).hasSize(2);
			assertThat(feedback.findByExternalId(run + "-3")).isEmpty();
			assertThat(jdbc.sql("select summary from audit_event where type = 'IMPORT_FAILED' and subject = ?")
				.param("import " + job.id())
				.query(String.class)
				.single()).contains("2 imported");
		}
		finally {
			smallBatches.destroy();
		}
	}

	@Test
	void marksAJobThatGaveNoSignOfLifeAsFailedKeepingItsCounts() {
		long id = jobs.create(run + ".csv", 10, StandardCharsets.UTF_8, CsvColumn.headers(), 10, ACTOR);
		jdbc.sql(
				"update feedback_import set rows_done = 4, imported = 4, heartbeat_at = now() - interval '1 hour' where id = ?")
			.param(id)
			.update();
		imports.failSilentJobs();
		FeedbackImport job = imports.get(id);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.FAILED);
		assertThat(job.failureKey()).isEqualTo("import.failed.silent");
		assertThat(job.imported()).isEqualTo(4);
		assertThat(job.finishedAt()).isNotNull();
	}

	@Test
	void importsFiftyThousandRowsInBatchesStoredSideBySide() throws IOException {
		Path file = generated(50_000);
		FeedbackImport job = imports.run(file, "fifty-thousand.csv", ACTOR);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(List.of(job.totalRows(), job.rowsDone(), job.imported(), job.rejected())).containsExactly(50_000L,
				50_000L, 50_000L, 0L);
		assertThat(storedOf(job)).hasSize(50_000);
		// batches of the same customers were stored side by side: every entry is in its
		// customer's sums exactly once
		assertThat(jdbc.sql("""
				select count(*) from (select customer_id, count(*) as n from feedback
				                      where customer_id in (select customer_id from feedback where import_id = ?)
				                      group by customer_id) f
				join scoring_basis b on b.state = 'READY'
				left join customer_trust_sums s on s.basis_id = b.id and s.customer_id = f.customer_id
				where s.entries is distinct from f.n
				""").param(job.id()).query(Long.class).single()).isZero();
	}

	@Test
	void recordsCompletedImportsInTheAuditLog() {
		FeedbackImport job = importFixture("cell-counts.csv");
		assertThat(jdbc.sql("select summary from audit_event where type = 'IMPORT_COMPLETED' and subject = ?")
			.param("import " + job.id())
			.query(String.class)
			.single()).contains("2 imported", "0 skipped", "2 rejected");
	}

	@Test
	void readsFullWidthReferencesAndSegmentsAsTheirHalfWidthForm() throws IOException {
		Path file = directory.resolve("full-width.csv");
		Files.writeString(file, String.join(",", CsvColumn.headers()) + "\r\n" + run + "-1," + run + "-C1,株式会社さくら,SMB-"
				+ run + ",2026-04-01T10:00:00Z,email,service,4,,,,,,,,,\r\n" + run + "-2,　" + FullWidth.of(run + "-C1")
				+ "　,株式会社さくら," + FullWidth.of("SMB-" + run) + ",2026-04-02T10:00:00Z,email,service,2,,,,,,,,,\r\n",
				StandardCharsets.UTF_8);
		FeedbackImport job = imports.run(file, "full-width.csv", ACTOR);
		assertThat(job.imported()).isEqualTo(2);
		StoredFeedback first = feedback.findByExternalId(run + "-1").orElseThrow();
		StoredFeedback second = feedback.findByExternalId(run + "-2").orElseThrow();
		assertThat(second.customerId()).isEqualTo(first.customerId());
		assertThat(second.customerRef()).isEqualTo(run + "-C1");
		assertThat(customers.segments()).contains("SMB-" + run).doesNotContain(FullWidth.of("SMB-" + run));
	}

	private FeedbackImport importFixture(String name) {
		return imports.run(CsvFixtures.file(directory, name, run), name, ACTOR);
	}

	/**
	 * A file of {@code rows} valid rows, external ids {@code <run>-1...}, 100 customers.
	 */
	private Path generated(int rows) throws IOException {
		Path file = directory.resolve("generated-" + rows + ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(String.join(",", CsvColumn.headers()) + "\r\n");
			for (int i = 1; i <= rows; i++) {
				out.write(run + "-" + i + "," + run + "-C" + (i % 100) + ",Customer " + (i % 100) + ",SMB,2026-0"
						+ (1 + i % 9) + "-1" + (i % 10) + "T10:" + (10 + i % 50) + ":00Z," + Channel.values()[i % 8]
						+ "," + Category.values()[i % 7] + "," + (1 + i % 5) + ",,3,,," + (i % 11) + ",,,"
						+ (i % 20 == 0 ? "BROKEN_PROMISE" : "") + ",comment " + i + "\r\n");
			}
		}
		return file;
	}

	private List<Long> storedOf(FeedbackImport job) {
		return jdbc.sql("select id from feedback where import_id = ?").param(job.id()).query(Long.class).list();
	}

	private Map<Long, List<String>> reasonsByLine(FeedbackImport job) {
		Map<Long, List<String>> reasons = new java.util.TreeMap<>();
		for (Rejection rejection : jobs.rejections(job.id(), 0, 1000)) {
			reasons.put(rejection.line(), rejection.reasons()
				.stream()
				.map(reason -> reason.key().equals(CsvFeedbackWriter.RULE) ? reason.args().get(1) : reason.key())
				.toList());
		}
		return reasons;
	}

}
