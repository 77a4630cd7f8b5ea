package io.shinrai.feedback.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Bad bytes cost only their row, and junk cannot fill the database: small limits here (5
 * rejected rows stored per import, stop when more than 95 % of at least 50 rows are
 * rejected, batches of 20) so files stay small.
 */
@IntegrationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "shinrai.import.stored-rejections=5", "shinrai.import.rejected-share-after=50",
		"shinrai.import.batch-size=20" })
class ImportLimitsIntegrationTests {

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private ImportJobs jobs;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvc mvc;

	@TempDir
	Path directory;

	private final String run = CsvFixtures.newRun();

	@Test
	void aNulPastTheFirstKilobytesRejectsJustItsRow() throws IOException {
		Path file = write(out -> {
			for (int i = 1; i <= 300; i++) {
				out.write(good(i) + (i == 250 ? "bad\u0000byte" : "fine") + "\r\n");
			}
		});
		assertThat(Files.size(file)).isGreaterThan(8 * 1024);
		FeedbackImport job = imports.run(file, "nul.csv", TestUsers.MANAGER);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(List.of(job.imported(), job.rejected())).containsExactly(299L, 1L);
		Rejection rejection = jobs.rejections(job.id(), 0, 10).get(0);
		assertThat(rejection.line()).isEqualTo(251);
		assertThat(rejection.reasons()).extracting(Reason::key).containsExactly("import.reason.controlCharacter");
		assertThat(rejection.cells()).last().isEqualTo("bad\uFFFDbyte");
	}

	@Test
	void storesOnlyTheFirstRejectedRowsWithTheirTextAndCountsTheRest() throws Exception {
		Path file = write(out -> {
			for (int i = 1; i <= 100; i++) {
				out.write((i % 5 == 0 ? bad(i) : good(i) + "ok") + "\r\n");
			}
		});
		FeedbackImport job = imports.run(file, "some-bad.csv", TestUsers.MANAGER);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
		assertThat(List.of(job.imported(), job.rejected(), job.rejectedNotStored())).containsExactly(80L, 20L, 15L);
		assertThat(jdbc.sql("select count(*) from feedback_import_rejection where import_id = ?")
			.param(job.id())
			.query(Long.class)
			.single()).isEqualTo(5);

		String page = mvc
			.perform(get("/import/" + job.id()).with(user(TestUsers.MANAGER).roles("MANAGER"))
				.locale(java.util.Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains(
				"Only the first 5 rejected rows are kept with their text; 15 more were rejected and only counted.");
		String csv = mvc
			.perform(get("/import/" + job.id() + "/rejected.csv").with(user(TestUsers.MANAGER).roles("MANAGER"))
				.locale(java.util.Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(1 + 5 + 1);
		assertThat(lines.get(6)).isEqualTo(
				",\"Only the first 5 rejected rows are kept with their text; 15 more were rejected and only counted.\"");

		// that download imports again: the note is skipped like an empty line
		Path again = directory.resolve("again.csv");
		Files.writeString(again, csv, StandardCharsets.UTF_8);
		FeedbackImport reimport = imports.run(again, "again.csv", TestUsers.MANAGER);
		assertThat(reimport.rowsDone()).isEqualTo(5);
	}

	@Test
	void stopsAFileOfMostlyJunkEarlyKeepingWhatWasStored() throws IOException {
		Path file = write(out -> {
			out.write(good(0) + "first\r\n");
			for (int i = 1; i <= 2000; i++) {
				out.write("junk line " + i + "\r\n");
			}
		});
		FeedbackImport job = imports.run(file, "junk.csv", TestUsers.MANAGER);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.FAILED);
		assertThat(job.failureKey()).isEqualTo("import.failed.mostlyRejected");
		assertThat(job.rowsDone()).isLessThan(200);
		assertThat(job.imported()).isEqualTo(1);
		assertThat(job.rejectedStored()).isEqualTo(5);
	}

	private String good(int i) {
		return run + "-" + i + "," + run + "-C,Acme,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,";
	}

	private String bad(int i) {
		return run + "-" + i + "," + run + "-C,Acme,SMB,2026-13-01,EMAIL,OTHER,3,,,,,,,,,bad date";
	}

	private interface Lines {

		void write(BufferedWriter out) throws IOException;

	}

	private Path write(Lines lines) throws IOException {
		Path file = directory.resolve(run + ".csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write(String.join(",", CsvColumn.headers()) + "\r\n");
			lines.write(out);
		}
		return file;
	}

}
