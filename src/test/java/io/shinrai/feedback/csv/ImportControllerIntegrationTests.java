package io.shinrai.feedback.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class ImportControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private FeedbackImports imports;

	@TempDir
	Path directory;

	private final String run = CsvFixtures.newRun();

	@Test
	void showsTheUploadFormWithTheTokenInItsAddressTheTemplateAndTheHistory() throws Exception {
		imports.run(CsvFixtures.file(directory, "utf8-bom.csv", run), run + ".csv", TestUsers.MANAGER);
		String page = mvc.perform(get("/import").with(manager()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Import feedback", "/import/template.csv", "enctype=\"multipart/form-data\"",
				"action=\"/import\"", "At most 50 MB per file", run + ".csv");
	}

	@Test
	void saysWhenAnUploadWasOverTheLimitInTheUsersLanguage() throws Exception {
		assertThat(mvc.perform(get("/import?tooLarge=true").with(manager()).locale(Locale.JAPANESE))
			.andReturn()
			.getResponse()
			.getContentAsString()).contains("ファイルが上限の 50 MB を超えています。");
	}

	@Test
	void runsAnUploadInTheBackgroundAndShowsItsProgressAndSummary() throws Exception {
		MvcResult upload = mvc.perform(multipart("/import").file(file("windows-31j.csv")).with(manager()).with(csrf()))
			.andExpect(redirectedUrlPattern("/import/{id}"))
			.andReturn();
		long id = Long.parseLong(upload.getResponse().getRedirectedUrl().substring("/import/".length()));
		await().atMost(Duration.ofSeconds(30)).until(() -> imports.get(id).finished());

		mvc.perform(get("/import/{id}/progress", id).with(manager()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("COMPLETED"))
			.andExpect(jsonPath("$.finished").value(true))
			.andExpect(jsonPath("$.rowsDone").value(2))
			.andExpect(jsonPath("$.totalRows").value(2))
			.andExpect(jsonPath("$.percent").value(100.0))
			.andExpect(jsonPath("$.imported").value(2));
		String page = mvc.perform(get("/import/{id}", id).with(manager()).locale(Locale.JAPANESE))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("windows-31j.csv のインポート", "完了", "windows-31j", "登録できなかった行はありません。")
			.doesNotContain("import-refresh");
	}

	@Test
	void showsAJobThatDoesNotExistAsNotFound() throws Exception {
		mvc.perform(get("/import/{id}", Long.MAX_VALUE).with(manager())).andExpect(status().isNotFound());
		mvc.perform(get("/import/{id}/progress", Long.MAX_VALUE).with(manager())).andExpect(status().isNotFound());
		mvc.perform(get("/import/{id}/rejected.csv", Long.MAX_VALUE).with(manager())).andExpect(status().isNotFound());
		mvc.perform(get("/import/not-a-number").with(manager())).andExpect(status().isNotFound());
	}

	@Nested
	class RefusesUploads {

		@Test
		void thatAreEmptyWithAMessageInTheUsersLanguage() throws Exception {
			assertRefusedWith("empty.csv", "import.refused.empty", "The file is empty: nothing was imported.",
					"ファイルが空です。何もインポートされていません。");
		}

		@Test
		void withAWrongHeaderNamingTheColumn() throws Exception {
			assertRefusedWith("wrong-header.csv", "import.refused.unknownColumns",
					"Unknown column in the header: value.", "ヘッダーに不明な列があります: value");
		}

		@Test
		void thatAreNotText() throws Exception {
			assertRefusedWith("binary.png", "import.refused.binary", "This is not a CSV text file",
					"CSV形式のテキストファイルではありません");
		}

		@Test
		void thatHoldOnlyTheHeader() throws Exception {
			assertRefusedWith("header-only.csv", "import.refused.headerOnly", "has its header line but no rows",
					"ヘッダー行だけで、データ行がありません");
		}

		@Test
		void withoutAFile() throws Exception {
			mvc.perform(multipart("/import").with(manager()).with(csrf()))
				.andExpect(redirectedUrl("/import"))
				.andExpect(flash().attribute("failure", "import.upload.noFile"));
		}

		private void assertRefusedWith(String name, String key, String english, String japanese) throws Exception {
			for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
				MvcResult result = mvc.perform(multipart("/import").file(file(name)).with(manager()).with(csrf()))
					.andExpect(redirectedUrl("/import"))
					.andExpect(flash().attribute("failure", key))
					.andReturn();
				String page = mvc.perform(
						get("/import").with(manager()).locale(locale).cookie(result.getResponse().getCookie("SESSION")))
					.andReturn()
					.getResponse()
					.getContentAsString();
				assertThat(page).contains(locale == Locale.ENGLISH ? english : japanese);
			}
		}

	}

	@Test
	void downloadsTheRejectedRowsWithLineAndReasonInTheDownloadersLanguage() throws Exception {
		FeedbackImport job = imports.run(CsvFixtures.file(directory, "bad-values.csv", run), "bad.csv",
				TestUsers.MANAGER);
		MvcResult english = mvc
			.perform(get("/import/{id}/rejected.csv", job.id()).with(manager()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition",
					org.hamcrest.Matchers
						.startsWith("attachment; filename=\"shinrai-import-" + job.id() + "-rejected-")))
			.andReturn();
		String csv = english.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(csv).startsWith("\uFEFF\"line\",\"reason\",\"external_id\",\"customer_ref\",");
		List<String> lines = csv.lines().toList();
		assertThat(lines).hasSize(16);
		assertThat(lines.get(1)).startsWith("2,\"received_at: \"\"2026-13-01\"\" is not a date.");
		assertThat(lines.get(1)).endsWith(",\"bad date\"");
		assertThat(csv)
			.contains("8,\"transparency: Choose a rating from 1 to 5, or \"\"not rated\"\".\",\"" + run + "-7\",");
		assertThat(csv).contains("\r\n");

		String japanese = mvc
			.perform(get("/import/{id}/rejected.csv", job.id()).with(manager()).locale(Locale.JAPANESE))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(japanese).contains("received_at:「2026-13-01」は日付として読み取れません。");

		// the page lists them too, with their line
		String page = mvc.perform(get("/import/{id}", job.id()).with(manager()).locale(Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("Rejected rows", "rejected.csv",
				"channel: &quot;FAX&quot; is not one of EMAIL, PHONE");
	}

	@Test
	void pagesThroughManyRejectedRows() throws Exception {
		StringBuilder csv = new StringBuilder("external_id,customer_ref,customer_name,segment,received_at,channel,"
				+ "category,transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment\n");
		for (int i = 0; i < 60; i++) {
			csv.append(run)
				.append("-page-")
				.append(i)
				.append(',')
				.append(run)
				.append("-C,Paging Co,SMB,2026-05-01,FAX,")
				.append("PRODUCT,,,,4,,,,,,\n");
		}
		Path file = directory.resolve("many-rejected.csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		FeedbackImport job = imports.run(file, "many-rejected.csv", TestUsers.MANAGER);
		assertThat(job.rejected()).isEqualTo(60);

		String first = mvc.perform(get("/import/{id}", job.id()).with(manager()).locale(Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(first).contains("Page 1 of 2", "href=\"/import/" + job.id() + "?page=1\"");
		String second = mvc
			.perform(get("/import/{id}", job.id()).param("page", "1").with(manager()).locale(Locale.JAPANESE))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(second).contains("2 / 2 ページ", "href=\"/import/" + job.id() + "?page=0\"");
	}

	@Test
	void countsTheRejectedRowsByReasonBeforeListingThem() throws Exception {
		String header = "external_id,customer_ref,customer_name,segment,received_at,channel,"
				+ "category,transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment\n";
		StringBuilder csv = new StringBuilder(header);
		String[] channels = { "FAX", "FOO", "BAR", "PIGEON" };
		for (int i = 0; i < channels.length; i++) {
			csv.append(run + "-ch-" + i + "," + run + "-C,Reasons Co,SMB,2026-05-01," + channels[i]
					+ ",PRODUCT,,,,4,,,,,,\n");
		}
		for (int i = 0; i < 2; i++) {
			csv.append(run + "-nps-" + i + "," + run + "-C,Reasons Co,SMB,2026-05-01,EMAIL,PRODUCT,,,,4,,x" + i
					+ ",,,,\n");
		}
		// two unknown incidents in one row: one row of that reason; and a bad date with
		// it
		csv.append(run + "-inc," + run + "-C,Reasons Co,SMB,someday,EMAIL,PRODUCT,,,,4,,,,,TYPO;OTHER_TYPO,\n");
		Path file = directory.resolve("reasons.csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		FeedbackImport job = imports.run(file, "reasons.csv", TestUsers.MANAGER);
		assertThat(job.rejected()).isEqualTo(7);

		String english = mvc.perform(get("/import/{id}", job.id()).with(manager()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String reasons = english.substring(english.indexOf("id=\"rejection-reasons\""));
		reasons = reasons.substring(0, reasons.indexOf("</ul>")).replaceAll("\\s+", " ");
		assertThat(reasons).containsSubsequence("channel: unknown channel</span> — <span class=\"fw-semibold\">4 rows",
				"nps: not a whole number</span> — <span class=\"fw-semibold\">2 rows",
				"incidents: unknown incident type</span> — <span class=\"fw-semibold\">1 row<",
				"received_at: not a date</span> — <span class=\"fw-semibold\">1 row<");
		assertThat(english.indexOf("id=\"rejection-reasons\"")).as("counts before the rows")
			.isLessThan(english.indexOf("id=\"rejections\""));
		assertThat(english).contains("channel: &quot;PIGEON&quot; is not one of");

		String japanese = mvc.perform(get("/import/{id}", job.id()).with(manager()).locale(Locale.JAPANESE))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(japanese.replaceAll("\\s+", " ")).containsSubsequence(
				"channel: 不明なチャネル</span> — <span class=\"fw-semibold\">4 行",
				"nps: 整数ではない</span> — <span class=\"fw-semibold\">2 行");
	}

	@Test
	void correctedRejectedRowsImportAgainIgnoringLineAndReason() throws Exception {
		FeedbackImport job = imports.run(CsvFixtures.file(directory, "multiline.csv", run), "lines.csv",
				TestUsers.MANAGER);
		byte[] rejected = mvc.perform(get("/import/{id}/rejected.csv", job.id()).with(manager()))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		String corrected = new String(rejected, StandardCharsets.UTF_8).replace("not a date", "2026-05-03");
		Path file = directory.resolve("corrected.csv");
		Files.writeString(file, corrected, StandardCharsets.UTF_8);
		FeedbackImport again = imports.run(file, "corrected.csv", TestUsers.MANAGER);
		assertThat(List.of(again.imported(), again.rejected())).containsExactly(1L, 0L);
	}

	@Test
	void offersATemplateWithTheHeaderAndTwoExampleRowsThatImport() throws Exception {
		byte[] template = mvc.perform(get("/import/template.csv").with(manager()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition",
					org.hamcrest.Matchers.startsWith("attachment; filename=\"shinrai-import-template-")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		String text = new String(template, StandardCharsets.UTF_8);
		assertThat(text.lines().toList()).hasSize(3)
			.first()
			.isEqualTo(
					"\uFEFF" + String.join(",", CsvColumn.headers().stream().map(name -> "\"" + name + "\"").toList()));
		assertThat(text).contains("株式会社さくら商事");
		Path file = directory.resolve("template.csv");
		Files.write(file, template);
		FeedbackImport job = imports.run(file, "template.csv", TestUsers.MANAGER);
		assertThat(job.imported() + job.skipped()).isEqualTo(2);
		assertThat(job.rejected()).isZero();
	}

	private MockMultipartFile file(String name) {
		return new MockMultipartFile("file", name, "text/csv", CsvFixtures.bytes(name, run));
	}

	private RequestPostProcessor manager() {
		return user(users.user(TestUsers.MANAGER));
	}

}
