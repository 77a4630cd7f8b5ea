package io.shinrai.privacy;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.csv.FeedbackImports;
import io.shinrai.recovery.RecoveryCases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The transparency report in the customer's language, as page and as PDF whose text is
 * read back with PDFBox: it holds the customer's feedback and what was done about the
 * negative experience, and nothing internal.
 */
@IntegrationTest
@AutoConfigureMockMvc
class TransparencyReportIntegrationTests {

	@Autowired
	private FeedbackImports imports;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private RecoveryCases recovery;

	@Autowired
	private ReportFont font;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@TempDir
	private Path directory;

	private PrivacyFixtures fixture;

	private long customerId;

	private String internalNote;

	@BeforeEach
	void storeCustomer() {
		fixture = new PrivacyFixtures();
		customerId = fixture.store(imports, feedback, directory, TestUsers.MANAGER);
		long caseId = recovery.ofCustomer(customerId).get(0).id();
		internalNote = "internal note " + fixture.tag;
		recovery.addNote(caseId, recovery.details(caseId).version(), internalNote, TestUsers.MANAGER);
	}

	private void speak(String language) {
		Customer customer = customers.get(customerId);
		customers.update(customerId,
				new CustomerDetails(fixture.reference, fixture.name, fixture.segment, null, language),
				customer.getVersion(), TestUsers.MANAGER);
	}

	private String pdfText() throws Exception {
		byte[] pdf = mvc
			.perform(get("/customers/{id}/transparency.pdf", customerId).with(user(users.user(TestUsers.MANAGER))))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_PDF))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertEmbeddedFonts(document);
			return new PDFTextStripper().getText(document);
		}
	}

	private static void assertEmbeddedFonts(PDDocument document) throws IOException {
		for (var page : document.getPages()) {
			for (var name : page.getResources().getFontNames()) {
				PDFont pdfFont = page.getResources().getFont(name);
				assertThat(pdfFont.isEmbedded()).as("font " + pdfFont.getName() + " is embedded").isTrue();
			}
		}
	}

	@Test
	void japanesePdfTellsTheCustomerInJapaneseAndHidesInternals() throws Exception {
		assumeTrue(font.file().isPresent(), "no Japanese font installed (apt-get install fonts-ipafont-gothic)");
		speak("ja");
		String text = pdfText();
		assertThat(text).contains("お客様について当社が把握していること", "保有する目的", "お客様のご意見（4 件）", fixture.japaneseComment,
				fixture.englishComment, "ご不快な経験に対して当社が行ったこと", "現在の状況：対応中です。", "約束の不履行");
		assertThat(text).doesNotContain(internalNote, fixture.incidentNote, TestUsers.MANAGER, "weight");
	}

	@Test
	void englishPdfTellsTheCustomerInEnglish() throws Exception {
		assumeTrue(font.file().isPresent(), "no Japanese font installed (apt-get install fonts-ipafont-gothic)");
		speak("en");
		String text = pdfText();
		assertThat(text).contains("What we know about you", "Why we hold it", "Your feedback (4 entries)",
				fixture.japaneseComment, fixture.englishComment, "Where it stands: we are still working on it.",
				"Broken promise");
		assertThat(text).doesNotContain(internalNote, fixture.incidentNote, "お客様のご意見");
	}

	@Test
	void printablePageIsInTheCustomersLanguageWhateverTheReaders() throws Exception {
		speak("en");
		String html = mvc
			.perform(get("/customers/{id}/transparency", customerId).with(user(users.user(TestUsers.MANAGER)))
				.header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(html).contains("lang=\"en\"", "What we know about you", fixture.englishComment,
				"/css/transparency.css");
		assertThat(html).doesNotContain(internalNote, "<style");
	}

	@Test
	void staffCannotOpenTheReport() throws Exception {
		mvc.perform(get("/customers/{id}/transparency", customerId).with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isForbidden());
	}

}
