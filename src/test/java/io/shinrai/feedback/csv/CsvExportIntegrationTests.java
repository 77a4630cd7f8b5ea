package io.shinrai.feedback.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class CsvExportIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private CustomerDirectory customers;

	@TempDir
	Path directory;

	private final String run = CsvFixtures.newRun();

	@Test
	void exportsFeedbackInTheImportColumnsAsUtf8WithBomAndCrlfForEveryone() throws Exception {
		importFixture("utf8-bom.csv", run);
		byte[] body = mvc.perform(get("/feedback/export.csv").param("customer", run + "-C1").with(staff()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
			.andExpect(header().string("Content-Disposition",
					org.hamcrest.Matchers.startsWith("attachment; filename=\"shinrai-feedback-"
							+ LocalDate.now(ZoneId.of("Asia/Tokyo")) + ".csv\"")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		String text = new String(body, StandardCharsets.UTF_8).substring(1);
		assertThat(text).startsWith(quoted(CsvColumn.headers()) + "\r\n");
		// every text cell quoted (so that no list separator splits it), numbers bare, a
		// value not given empty
		assertThat(text.split("\r\n")).hasSize(3)
			.contains(
					",\"%1$s-C1\",\"株式会社さくら商事\",\"中小企業\",\"2026-05-03T00:00:00+09:00\",\"CHAT\",\"PRICE\",,,,,,,,,\"HIDDEN_FEES;UNFAIR_PRICING\",\"料金の説明が不十分\""
						.formatted(run))
			.contains(
					"\"%1$s-1\",\"%1$s-C1\",\"株式会社さくら商事\",\"中小企業\",\"2026-05-01T09:30:00+09:00\",\"EMAIL\",\"DELIVERY\",4,2,3,,,6,3,4,\"BROKEN_PROMISE\",\"配送が2日遅れました。\""
						.formatted(run));
	}

	@Test
	void appliesTheFiltersOfTheFeedbackList() throws Exception {
		importFixture("utf8-bom.csv", run);
		String emailsOnMay1 = export("customer", run + "-C1", "channel", "EMAIL", "from", "2026-05-01", "to",
				"2026-05-01");
		assertThat(emailsOnMay1.lines().toList()).hasSize(2);
		assertThat(export("customer", run + "-C1", "from", "2026-05-02").lines().toList()).hasSize(2);
		assertThat(export("customer", run + "-C2", "negative", "true").lines().toList()).hasSize(1);
		assertThat(export("customer", run + "-C1", "incident", "HIDDEN_FEES", "category", "PRICE").lines().toList())
			.hasSize(2);
	}

	@Test
	void sendsFiltersItCannotApplyBackToTheListWhichSaysWhatIsWrongInsteadOfExportingEverything() throws Exception {
		mvc.perform(get("/feedback/export.csv?channel=FAX").with(staff()))
			.andExpect(redirectedUrl("/feedback?channel=FAX"));
		mvc.perform(get("/feedback/export.csv?from=yesterday").with(staff()))
			.andExpect(redirectedUrl("/feedback?from=yesterday"));
		mvc.perform(get("/feedback?from=yesterday").with(staff())).andExpect(status().isBadRequest());
	}

	@Test
	void theFeedbackListLinksToTheExportOfWhatItShows() throws Exception {
		String page = mvc
			.perform(get("/feedback").param("channel", "EMAIL")
				.param("negative", "true")
				.param("customer", run + "-C1")
				.param("page", "2")
				.with(staff())
				.locale(java.util.Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString();
		java.util.regex.Matcher link = java.util.regex.Pattern.compile("id=\"feedback-export\" href=\"([^\"]*)\"")
			.matcher(page);
		assertThat(link.find()).isTrue();
		String href = link.group(1).replace("&amp;", "&");
		assertThat(href).startsWith("/feedback/export.csv?")
			.contains("channel=EMAIL", "negative=true", "customer=" + run + "-C1")
			.doesNotContain("page=")
			// a parameter left empty (an unticked box) would be refused by the export
			.doesNotContainPattern("=(&|$)");
		importFixture("utf8-bom.csv", run);
		String csv = mvc.perform(get(href).with(staff()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		// of the customer's three entries, one came by e-mail and was negative
		assertThat(csv.lines().toList()).hasSize(2);
		assertThat(csv).contains("\"" + run + "-1\",");
	}

	@Test
	void escapesFormulasInTheExportAndTheImportUndoesItExactly() throws Exception {
		importFixture("formula.csv", run);
		String text = export("customer", run + "-C1");
		// the customer was created by the first row: its name and segment are the first
		// row's
		assertThat(text).contains(",\"'=HYPERLINK(\"\"x\"\")\",\"'@team\",", ",\"'-5 stars\"\r\n",
				",\"'don't strip this\"\r\n");

		FeedbackImport again = reimport(text, "formula-export.csv");
		assertThat(List.of(again.imported(), again.skipped(), again.rejected())).containsExactly(0L, 2L, 0L);
	}

	@Test
	void reImportingAnExportSkipsEveryEntryAndIntoAnEmptyDatabaseRecreatesThemWithEqualValues() throws Exception {
		List<String> fixtures = List.of("utf8-bom.csv", "windows-31j.csv", "multiline.csv", "formula.csv",
				"excel-quoted.csv");
		StringBuilder export = new StringBuilder();
		List<StoredFeedback> originals = new java.util.ArrayList<>();
		for (int i = 0; i < fixtures.size(); i++) {
			String token = run + "x" + i;
			importFixture(fixtures.get(i), token);
			originals.addAll(entries(token));
			String part = exportAll(token);
			export.append(export.isEmpty() ? part : part.substring(part.indexOf("\r\n") + 2));
		}
		assertThat(originals).hasSize(3 + 2 + 2 + 2 + 2);

		FeedbackImport same = reimport(export.toString(), "export.csv");
		assertThat(List.of(same.imported(), same.skipped(), same.rejected())).containsExactly(0L,
				(long) originals.size(), 0L);

		// "an empty database": the same file with references and ids nobody has seen
		String other = CsvFixtures.newRun();
		FeedbackImport fresh = reimport(export.toString().replace(run, other), "export-elsewhere.csv");
		assertThat(List.of(fresh.imported(), fresh.rejected())).containsExactly((long) originals.size(), 0L);
		List<StoredFeedback> copies = new java.util.ArrayList<>();
		for (int i = 0; i < fixtures.size(); i++) {
			copies.addAll(entries(other + "x" + i));
		}
		assertThat(copies).hasSize(originals.size());
		for (int i = 0; i < originals.size(); i++) {
			StoredFeedback original = originals.get(i);
			StoredFeedback copy = copies.get(i);
			assertThat(copy.customerRef()).isEqualTo(original.customerRef().replace(run, other));
			assertThat(copy.externalId())
				.isEqualTo(original.externalId() == null ? null : original.externalId().replace(run, other));
			assertThat(copy.customerName()).isEqualTo(original.customerName());
			assertThat(copy.customerSegment()).isEqualTo(original.customerSegment());
			assertThat(copy.receivedAt()).isEqualTo(original.receivedAt());
			assertThat(copy.channel()).isEqualTo(original.channel());
			assertThat(copy.category()).isEqualTo(original.category());
			assertThat(copy.ratings()).isEqualTo(original.ratings());
			assertThat(List.of(String.valueOf(copy.nps()), String.valueOf(copy.csat()), String.valueOf(copy.ces())))
				.isEqualTo(List.of(String.valueOf(original.nps()), String.valueOf(original.csat()),
						String.valueOf(original.ces())));
			assertThat(copy.incidents().keySet()).isEqualTo(original.incidents().keySet());
			assertThat(copy.comment()).isEqualTo(original.comment());
			assertThat(copy.negative()).isEqualTo(original.negative());
		}
	}

	@Test
	void reImportingAnExportOfEntriesLoggedThroughTheFormSkipsThem() throws Exception {
		StoredFeedback logged = feedback.log(NewFeedback.builder()
			.customer(run + "-F", "Form Customer", "SMB")
			.receivedAt(Instant.parse("2026-04-01T01:02:03.456789Z"))
			.channel(Channel.PHONE)
			.category(Category.SERVICE)
			.rating(Signal.QUALITY, 2)
			.incident(IncidentType.PRODUCT_DEFECT, "broke after a day")
			.comment("=1+1 said the customer")
			.source(Source.FORM)
			.loggedBy(TestUsers.MANAGER)
			.build());
		String export = export("customer", run + "-F");
		assertThat(export).contains("2026-04-01T10:02:03.456789+09:00", ",\"'=1+1 said the customer\"");
		FeedbackImport again = reimport(export, "form-export.csv");
		assertThat(List.of(again.imported(), again.skipped())).containsExactly(0L, 1L);
		assertThat(entries(run)).extracting(StoredFeedback::id).containsExactly(logged.id());
	}

	@Test
	void exportsCustomersWithTheListFiltersForEveryone() throws Exception {
		customers.create(new CustomerDetails(run + "-A", "=Evil Corp", "Enterprise", "a@example.com"),
				TestUsers.MANAGER);
		customers.create(new CustomerDetails(run + "-B", "山田商店", "SMB", null), TestUsers.MANAGER);
		customers.create(new CustomerDetails(run + "-C", "Other", "SMB", null), TestUsers.MANAGER);
		byte[] body = mvc.perform(get("/customers/export.csv").param("q", run.toLowerCase()).with(staff()))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition",
					org.hamcrest.Matchers.startsWith("attachment; filename=\"shinrai-customers-")))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
		List<String> lines = new String(body, StandardCharsets.UTF_8).substring(1).lines().toList();
		assertThat(lines).hasSize(4);
		assertThat(lines.get(0)).isEqualTo("\"reference\",\"name\",\"segment\",\"email\",\"created_at\"");
		assertThat(lines.get(1)).startsWith("\"" + run + "-A\",\"'=Evil Corp\",\"Enterprise\",\"a@example.com\",\"20");
		assertThat(lines.get(2)).startsWith("\"" + run + "-B\",\"山田商店\",\"SMB\",,\"20").contains("+09:00");

		String smb = mvc.perform(get("/customers/export.csv").param("q", run).param("segment", "SMB").with(staff()))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(smb.lines().toList()).hasSize(3);
		assertThat(smb).doesNotContain("Evil");
	}

	private void importFixture(String name, String token) {
		FeedbackImport job = imports.run(CsvFixtures.file(directory, name, token), name, TestUsers.MANAGER);
		assertThat(job.status()).isEqualTo(FeedbackImport.Status.COMPLETED);
	}

	private FeedbackImport reimport(String csv, String name) throws Exception {
		Path file = directory.resolve(name);
		Files.write(file, csv.getBytes(StandardCharsets.UTF_8));
		return imports.run(file, name, TestUsers.MANAGER);
	}

	private String export(String... params) throws Exception {
		var request = get("/feedback/export.csv").with(staff());
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return "\uFEFF" + mvc.perform(request)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8)
			.substring(1);
	}

	/**
	 * The export of every entry of this run's customers (their references all start with
	 * the run's token).
	 */
	private String exportAll(String token) throws Exception {
		StringBuilder csv = new StringBuilder();
		for (String reference : List.of(token + "-C1", token + "-C2")) {
			String part = export("customer", reference);
			csv.append(csv.isEmpty() ? part : part.substring(part.indexOf("\r\n") + 2));
		}
		return csv.toString();
	}

	private List<StoredFeedback> entries(String token) {
		return List.of(token + "-C1", token + "-C2", token + "-F")
			.stream()
			.flatMap(reference -> feedback
				.search(new FeedbackFilter(null, null, null, null, false, null, reference, null, null), 0, 100)
				.getContent()
				.stream())
			.sorted(Comparator.comparing(StoredFeedback::customerRef)
				.thenComparing(StoredFeedback::receivedAt)
				.thenComparing(entry -> String.valueOf(entry.comment())))
			.toList();
	}

	private RequestPostProcessor staff() {
		return user(users.user(TestUsers.STAFF));
	}

	private static String quoted(List<String> cells) {
		return String.join(",", cells.stream().map(cell -> "\"" + cell + "\"").toList());
	}

}
