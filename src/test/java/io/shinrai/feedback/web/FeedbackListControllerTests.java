package io.shinrai.feedback.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.UUID;

import io.shinrai.FullWidth;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.domain.Page;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class FeedbackListControllerTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private FeedbackLog log;

	private String ref;

	private StoredFeedback japanese;

	private StoredFeedback english;

	private StoredFeedback incident;

	@BeforeEach
	void storeEntries() {
		ref = "T-" + UUID.randomUUID();
		Instant may = LocalDate.of(2026, 5, 10).atTime(10, 0).atZone(TOKYO).toInstant();
		japanese = log.log(entry(may).comment("配送が遅れた。連絡もなかった").build());
		english = log.log(entry(may.plusSeconds(86_400)).channel(Channel.PHONE)
			.category(Category.BILLING)
			.comment("The invoice showed a 100% surcharge")
			.build());
		incident = log.log(entry(LocalDate.of(2026, 6, 1).atStartOfDay(TOKYO).toInstant())
			.incident(IncidentType.HIDDEN_FEES, "fee not on the quote")
			.build());
	}

	private NewFeedback.Builder entry(Instant receivedAt) {
		return NewFeedback.builder()
			.customer(ref, "Kenji Sato 佐藤", "B2B")
			.receivedAt(receivedAt)
			.channel(Channel.EMAIL)
			.category(Category.DELIVERY)
			.rating(Signal.QUALITY, 4)
			.source(Source.API)
			.loggedBy(TestUsers.MANAGER);
	}

	private MockHttpServletRequestBuilder list() {
		return get("/feedback").with(user(users.user(TestUsers.STAFF))).locale(Locale.ENGLISH).param("customer", ref);
	}

	@SuppressWarnings("unchecked")
	private java.util.List<Long> ids(MockHttpServletRequestBuilder request) throws Exception {
		Page<StoredFeedback> page = (Page<StoredFeedback>) mvc.perform(request)
			.andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("page");
		return page.getContent().stream().map(StoredFeedback::id).toList();
	}

	@Nested
	class Filters {

		@Test
		void listsTheCustomersEntriesNewestFirstLinkingToTheCustomer() throws Exception {
			assertThat(ids(list())).containsExactly(incident.id(), english.id(), japanese.id());
			String html = mvc.perform(list()).andReturn().getResponse().getContentAsString();
			assertThat(html).contains("href=\"/customers/" + japanese.customerId() + "\"")
				.contains("href=\"/feedback/" + japanese.id() + "\"")
				.contains("3 entries");
		}

		@Test
		void findsTheCustomerWhateverTheCaseAndWidthOfTheReferenceTyped() throws Exception {
			String typed = " " + FullWidth.of(ref.toLowerCase(Locale.ROOT)) + "　";
			assertThat(ids(get("/feedback").with(user(users.user(TestUsers.STAFF))).param("customer", typed)))
				.containsExactly(incident.id(), english.id(), japanese.id());
		}

		@Test
		void findsJapaneseWordsInComments() throws Exception {
			assertThat(ids(list().param("q", "配送"))).containsExactly(japanese.id());
			assertThat(ids(list().param("q", "連絡"))).containsExactly(japanese.id());
		}

		@Test
		void findsEnglishWordsInAnyCaseAndPercentSignsLiterally() throws Exception {
			assertThat(ids(list().param("q", "INVOICE"))).containsExactly(english.id());
			assertThat(ids(list().param("q", "100%"))).containsExactly(english.id());
			assertThat(ids(list().param("q", "1_0"))).isEmpty();
		}

		@Test
		void filtersByPeriodInTheBusinessTimeZoneWithAnInclusiveEndDate() throws Exception {
			assertThat(ids(list().param("from", "2026-05-11").param("to", "2026-05-31"))).containsExactly(english.id());
			assertThat(ids(list().param("to", "2026-05-10"))).containsExactly(japanese.id());
			assertThat(ids(list().param("from", "2026-06-01"))).containsExactly(incident.id());
		}

		@Test
		void filtersByChannelCategoryNegativeAndIncidentType() throws Exception {
			assertThat(ids(list().param("channel", "PHONE"))).containsExactly(english.id());
			assertThat(ids(list().param("category", "DELIVERY"))).containsExactly(incident.id(), japanese.id());
			assertThat(ids(list().param("negative", "true"))).containsExactly(incident.id());
			assertThat(ids(list().param("incident", "HIDDEN_FEES"))).containsExactly(incident.id());
			assertThat(ids(list().param("incident", "DATA_MISUSE"))).isEmpty();
		}

		@Test
		void pagesWithTheChosenSizeAndKeepsTheFiltersInThePageLinks() throws Exception {
			for (int i = 0; i < 25; i++) {
				log.log(entry(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)).build());
			}
			assertThat(ids(list().param("size", "25"))).hasSize(25);
			assertThat(ids(list().param("size", "25").param("page", "1"))).hasSize(3);
			String html = mvc.perform(list().param("size", "25").param("q", ""))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("customer=" + ref).contains("page=1").contains("size=25");
			// beyond the last page: the last page, with its number marked as the current
			// one
			assertThat(ids(list().param("size", "25").param("page", "999"))).hasSize(3);
			String beyond = mvc.perform(list().param("size", "25").param("page", "999"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(beyond).containsPattern("aria-current=\"page\"[^>]*>2</a>").doesNotContain(">1000<");
		}

	}

	@Nested
	class InvalidFilters {

		@ParameterizedTest
		@CsvSource(delimiter = '|',
				value = { "page    | x         | “x” is not a page number.",
						"size    | 30        | Show 25, 50 or 100 entries per page.",
						"channel | FOO       | Choose a channel from the list.",
						"category| FOO       | Choose a category from the list.",
						"incident| FOO       | Choose an incident type from the list.",
						"from    | notadate  | Enter the start date as a date such as 2026-05-01.",
						"to      | 2026-13-01| Enter the end date as a date such as 2026-05-31.",
						"negative| maybe     | &quot;Negative only&quot; is either on or off." })
		void answerWithALocalisedMessageInsteadOfAnErrorPage(String parameter, String value, String message)
				throws Exception {
			String html = mvc.perform(list().param(parameter, value))
				.andExpect(status().isBadRequest())
				.andExpect(model().attributeHasFieldErrors("feedbackFilter", parameter))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains(message).contains("id=\"error-summary\"").doesNotContain("Exception");
		}

		@Test
		void refuseAnEndBeforeTheStart() throws Exception {
			String html = mvc.perform(list().param("from", "2026-05-02").param("to", "2026-05-01"))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("The end date must not be before the start date.");
		}

		@Test
		void areExplainedInJapanese() throws Exception {
			String html = mvc.perform(list().locale(Locale.JAPANESE).param("page", "一").param("channel", "FOO"))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("「一」はページ番号ではありません。").contains("一覧からチャネルを選択してください。");
		}

	}

	@Nested
	class Detail {

		@Test
		void showsEveryFieldIncidentsWithNotesWhoLoggedItAndTheSource() throws Exception {
			String html = mvc
				.perform(get("/feedback/" + incident.id()).with(user(users.user(TestUsers.STAFF)))
					.locale(Locale.ENGLISH))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html)
				.contains("Kenji Sato 佐藤", ref, "Jun 1, 2026 00:00:00 (Asia/Tokyo)", "Hidden fees or unclear terms",
						"fee not on the quote", "Quality &amp; performance", "Not rated", TestUsers.MANAGER, "API",
						"href=\"/customers/" + incident.customerId() + "\"")
				.doesNotContain("id=\"correct\"");
		}

		@Test
		void offersCorrectionToManagers() throws Exception {
			mvc.perform(get("/feedback/" + incident.id()).with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andExpect(result -> assertThat(result.getResponse().getContentAsString())
					.contains("href=\"/feedback/" + incident.id() + "/edit\""));
		}

		@Test
		void answersNotFoundForUnknownOrMalformedIds() throws Exception {
			mvc.perform(get("/feedback/999999999999").with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isNotFound());
			mvc.perform(get("/feedback/12abc").with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isNotFound());
			mvc.perform(get("/feedback/99999999999999999999999").with(user(users.user(TestUsers.STAFF))))
				.andExpect(status().isNotFound());
		}

	}

}
