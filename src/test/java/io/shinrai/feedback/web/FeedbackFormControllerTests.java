package io.shinrai.feedback.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class FeedbackFormControllerTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private FeedbackLog log;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEvents events;

	private String ref;

	@BeforeEach
	void newCustomerReference() {
		ref = "T-" + UUID.randomUUID();
	}

	private String anHourAgo() {
		return LocalDateTime.now(TOKYO).minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
	}

	/**
	 * A complete, valid submission of the form, with some fields replaced ("name",
	 * "value", ...).
	 */
	private MockHttpServletRequestBuilder submission(String... replaced) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("token", UUID.randomUUID().toString());
		fields.put("customerRef", ref);
		fields.put("customerName", "Aiko Tanaka");
		fields.put("segment", "Retail");
		fields.put("receivedAt", anHourAgo());
		fields.put("channel", "EMAIL");
		fields.put("category", "DELIVERY");
		fields.put("ratings[QUALITY]", "4");
		fields.put("ratings[TRANSPARENCY]", "");
		fields.put("comment", "Delivered late but friendly");
		for (int i = 0; i < replaced.length; i += 2) {
			fields.put(replaced[i], replaced[i + 1]);
		}
		MockHttpServletRequestBuilder request = post("/feedback").with(user(users.user(TestUsers.MANAGER)))
			.with(csrf())
			.locale(Locale.ENGLISH);
		fields.forEach((name, value) -> request.param(name, value));
		return request;
	}

	private List<StoredFeedback> stored() {
		return log.search(new FeedbackFilter(null, null, null, null, false, null, ref, null, null), 0, 100)
			.getContent();
	}

	@Test
	void showsAnEmptyFormWithATokenAndNowAsReceivedAt() throws Exception {
		MvcResult result = mvc
			.perform(get("/feedback/new").with(user(users.user(TestUsers.MANAGER))).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andExpect(view().name(FeedbackFormController.FORM_VIEW))
			.andExpect(content().string(containsString("name=\"token\"")))
			.andExpect(content().string(containsString("Transparency &amp; honesty")))
			.andExpect(content().string(containsString("name=\"incidentNotes[BROKEN_PROMISE]\"")))
			.andReturn();
		FeedbackForm form = (FeedbackForm) result.getModelAndView().getModel().get("feedbackForm");
		assertThat(form.getToken()).isNotBlank();
		assertThat(form.getReceivedAt()).isCloseTo(LocalDateTime.now(TOKYO),
				org.assertj.core.api.Assertions.within(2, ChronoUnit.MINUTES));
	}

	@Test
	void showsTheFormInJapanese() throws Exception {
		mvc.perform(get("/feedback/new").with(user(users.user(TestUsers.MANAGER))).locale(Locale.JAPANESE))
			.andExpect(content().string(containsString("誠実さと透明性")))
			.andExpect(content().string(containsString("約束の不履行")))
			.andExpect(content().string(containsString("評価なし")));
	}

	@Test
	void logsTheEntryCreatesTheCustomerAndRedirectsWithAMessage() throws Exception {
		// one value for the submission and the assertion: a minute may begin between two
		// calls on a busy machine
		String receivedAt = anHourAgo();
		mvc.perform(submission("receivedAt", receivedAt).param("incidents", "BROKEN_PROMISE", "PRODUCT_DEFECT")
			.param("incidentNotes[BROKEN_PROMISE]", "promised Monday")
			.param("incidentNotes[PRODUCT_DEFECT]", "")
			.param("nps", "6"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrlPattern("/feedback/{id}"))
			.andExpect(flash().attribute("success", "feedback.logged"));
		StoredFeedback entry = stored().get(0);
		assertThat(entry.customerName()).isEqualTo("Aiko Tanaka");
		assertThat(entry.source()).isEqualTo(Source.FORM);
		assertThat(entry.loggedBy()).isEqualTo(TestUsers.MANAGER);
		assertThat(entry.ratings()).containsOnlyKeys(Signal.QUALITY);
		assertThat(entry.incidents()).containsEntry(IncidentType.BROKEN_PROMISE, "promised Monday")
			.containsEntry(IncidentType.PRODUCT_DEFECT, null);
		assertThat(entry.nps()).isEqualTo(6);
		assertThat(entry.receivedAt()).isEqualTo(LocalDateTime.parse(receivedAt).atZone(TOKYO).toInstant());
		assertThat(events.stream(FeedbackLogged.class)).containsExactly(FeedbackLogged.of(entry.entry()));
	}

	@Test
	void storesOneEntryWhenTheSameFormIsSubmittedTwice() throws Exception {
		String token = UUID.randomUUID().toString();
		String first = mvc.perform(submission("token", token))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String second = mvc.perform(submission("token", token))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(second).isEqualTo(first);
		assertThat(stored()).hasSize(1);
	}

	@Test
	void usesAnExistingCustomerWithoutAskingForItsName() throws Exception {
		mvc.perform(submission()).andExpect(status().is3xxRedirection());
		mvc.perform(submission("customerName", "")).andExpect(status().is3xxRedirection());
		assertThat(stored()).hasSize(2).extracting(StoredFeedback::customerName).containsOnly("Aiko Tanaka");
	}

	@Test
	void refusesStaffWithoutStoring() throws Exception {
		mvc.perform(submission().with(user(users.user(TestUsers.STAFF)))).andExpect(status().isForbidden());
		assertThat(stored()).isEmpty();
	}

	/**
	 * Each broken rule re-renders the form with its message next to the field, and
	 * everything entered kept.
	 */
	@Nested
	class Rules {

		private void rejects(MockHttpServletRequestBuilder request, String field, String message) throws Exception {
			String html = mvc.perform(request)
				.andExpect(status().isOk())
				.andExpect(view().name(FeedbackFormController.FORM_VIEW))
				.andExpect(model().attributeHasFieldErrors("feedbackForm", field))
				.andExpect(content().string(containsString("id=\"error-summary\"")))
				.andReturn()
				.getResponse()
				.getContentAsString();
			String id = field.replace("[", "-").replace("]", "");
			assertThat(html).as("message next to the field").contains("id=\"" + id + "-error\"").contains(message);
			assertThat(html).as("entered values kept")
				.contains("value=\"" + ref + "\"")
				.contains("value=\"Aiko Tanaka\"")
				.contains("value=\"Retail\"")
				.contains("Delivered late but friendly")
				.containsPattern("id=\"rating-QUALITY-4\"[^>]*checked");
			assertThat(stored()).isEmpty();
		}

		@Test
		void missingCustomerReference() throws Exception {
			String html = mvc.perform(submission("customerRef", " "))
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "customerRef",
						"feedback.rule.customerRef.required"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Enter the customer reference.").contains("Delivered late but friendly");
		}

		@Test
		void customerReferenceLongerThan100Characters() throws Exception {
			ref = "R".repeat(101);
			rejects(submission(), "customerRef", "Use at most 100 characters (this has 101).");
		}

		@Test
		void newCustomerWithoutAName() throws Exception {
			String html = mvc.perform(submission("customerName", ""))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "customerName",
						"feedback.rule.customerName.requiredForNew"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("No customer has this reference yet: enter a name to create the customer.")
				.contains("value=\"" + ref + "\"");
			assertThat(stored()).isEmpty();
		}

		@Test
		void customerNameLongerThan200Characters() throws Exception {
			String html = mvc.perform(submission("customerName", "N".repeat(201)))
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "customerName"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Use at most 200 characters (this has 201).");
		}

		@Test
		void segmentLongerThan100Characters() throws Exception {
			String html = mvc.perform(submission("segment", "S".repeat(101)))
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "segment"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Use at most 100 characters (this has 101).");
		}

		@Test
		void receivedAtInTheFuture() throws Exception {
			rejects(submission("receivedAt",
					LocalDateTime.now(TOKYO).plusDays(1).truncatedTo(ChronoUnit.MINUTES).toString()), "receivedAt",
					"The time received cannot be in the future.");
		}

		@Test
		void receivedAtBefore2000() throws Exception {
			rejects(submission("receivedAt", "1999-12-31T23:00"), "receivedAt",
					"The time received cannot be before 1 January 2000.");
		}

		@Test
		void receivedAtMissing() throws Exception {
			rejects(submission("receivedAt", ""), "receivedAt", "Enter when the feedback was received.");
		}

		@Test
		void receivedAtNotADate() throws Exception {
			String html = mvc.perform(submission("receivedAt", "yesterday"))
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "receivedAt", "typeMismatch"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Enter a date and time such as 2026-05-01 14:30.")
				.contains("value=\"yesterday\"");
		}

		@Test
		void channelMissing() throws Exception {
			rejects(submission("channel", ""), "channel", "Choose a channel.");
		}

		@Test
		void categoryMissing() throws Exception {
			rejects(submission("category", ""), "category", "Choose a category.");
		}

		@Test
		void ratingOutsideOneToFive() throws Exception {
			String html = mvc.perform(submission("ratings[VALUES]", "7"))
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "ratings[VALUES]",
						"feedback.rule.rating.range"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Choose a rating from 1 to 5, or &quot;not rated&quot;.");
		}

		@Test
		void ratingThatIsNotANumber() throws Exception {
			mvc.perform(submission("ratings[VALUES]", "five"))
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "ratings[VALUES]",
						"typeMismatch.java.lang.Integer"));
		}

		@Test
		void npsAboveTen() throws Exception {
			rejects(submission("nps", "11"), "nps", "NPS must be a whole number from 0 to 10.");
		}

		@Test
		void npsThatIsNotAWholeNumber() throws Exception {
			String html = mvc.perform(submission("nps", "7.5"))
				.andExpect(model().attributeHasFieldErrorCode("feedbackForm", "nps", "typeMismatch"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Enter NPS as a whole number from 0 to 10.").contains("value=\"7.5\"");
		}

		@Test
		void csatOutsideOneToFive() throws Exception {
			rejects(submission("csat", "0"), "csat", "CSAT must be a whole number from 1 to 5.");
		}

		@Test
		void cesOutsideOneToSeven() throws Exception {
			rejects(submission("ces", "8"), "ces", "CES must be a whole number from 1 to 7.");
		}

		@Test
		void noRatingScoreOrIncident() throws Exception {
			String html = mvc.perform(submission("ratings[QUALITY]", ""))
				.andExpect(
						model().attributeHasFieldErrorCode("feedbackForm", "ratings", "feedback.rule.content.required"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Give at least one rating, score (NPS, CSAT, CES) or incident.");
		}

		@Test
		void commentLongerThan4000Characters() throws Exception {
			String html = mvc.perform(submission("comment", "長".repeat(4001)))
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "comment"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Use at most 4,000 characters (this has 4,001).").contains("長".repeat(4001));
		}

		@Test
		void incidentNoteLongerThan300Characters() throws Exception {
			String note = "n".repeat(301);
			rejects(submission("incidents", "HIDDEN_FEES", "incidentNotes[HIDDEN_FEES]", note),
					"incidentNotes[HIDDEN_FEES]", "Use at most 300 characters (this has 301).");
		}

		@Test
		void incidentNoteWithoutTheIncidentTicked() throws Exception {
			rejects(submission("incidentNotes[DATA_MISUSE]", "shared my address"), "incidentNotes[DATA_MISUSE]",
					"Tick this incident to keep its explanation, or clear the explanation.");
		}

		@Test
		void unknownIncidentType() throws Exception {
			mvc.perform(submission("incidents", "NOT_A_TYPE"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "incidents"));
		}

		@Test
		void keepsTickedIncidentsAndScoresOnAFailedSubmit() throws Exception {
			String html = mvc
				.perform(submission("channel", "").param("incidents", "BROKEN_PROMISE")
					.param("incidentNotes[BROKEN_PROMISE]", "twice late")
					.param("nps", "3")
					.param("ces", "2"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).containsPattern("id=\"incident-BROKEN_PROMISE\"[^>]*checked")
				.contains("value=\"twice late\"")
				.containsPattern("id=\"nps\"[^>]*value=\"3\"")
				.containsPattern("id=\"ces\"[^>]*value=\"2\"")
				.containsPattern("<option value=\"DELIVERY\" selected");
		}

		@Test
		void listsTheErrorsInTheOrderOfTheFieldsOnThePage() throws Exception {
			String html = mvc
				.perform(submission("comment", "x".repeat(4001), "nps", "x", "customerName", "", "channel", ""))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			int start = html.indexOf("id=\"error-summary\"");
			String summary = html.substring(start, html.indexOf("</ul>", start));
			assertThat(summary.indexOf("#customerName")).isLessThan(summary.indexOf("#channel"));
			assertThat(summary.indexOf("#channel")).isLessThan(summary.indexOf("#nps"));
			assertThat(summary.indexOf("#nps")).isLessThan(summary.indexOf("#comment"));
			assertThat(html).containsPattern("id=\"receivedAt\"[^>]*value=\"" + anHourAgo() + "\"");
		}

		@Test
		void showsTheMessagesInJapanese() throws Exception {
			String html = mvc.perform(submission("nps", "11", "channel", "").locale(Locale.JAPANESE))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("NPSは0〜10の整数で入力してください。").contains("チャネルを選択してください。").contains("次の項目を修正してください。");
		}

	}

	@Nested
	class Correction {

		private StoredFeedback original;

		@BeforeEach
		void storeAnEntry() {
			original = log.log(NewFeedback.builder()
				.customer(ref, "Aiko Tanaka", "Retail")
				.receivedAt(java.time.Instant.now().minusSeconds(7200).truncatedTo(ChronoUnit.SECONDS).plusSeconds(17))
				.channel(Channel.PHONE)
				.category(Category.SERVICE)
				.rating(Signal.COMMUNICATION, 2)
				.comment("Nobody called back")
				.source(Source.API)
				.loggedBy("api-client")
				.build());
		}

		private MockHttpServletRequestBuilder correction(long version) {
			return post("/feedback/" + original.id()).with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("version", Long.toString(version))
				.param("originalReceivedAt", original.receivedAt().toString())
				.param("customerRef", ref)
				.param("receivedAt",
						LocalDateTime.ofInstant(original.receivedAt(), TOKYO)
							.truncatedTo(ChronoUnit.MINUTES)
							.toString())
				.param("channel", "PHONE")
				.param("category", "SERVICE")
				.param("ratings[COMMUNICATION]", "1")
				.param("comment", "Nobody called back, twice");
		}

		@Test
		void showsTheFormFilledWithTheEntry() throws Exception {
			String html = mvc
				.perform(get("/feedback/" + original.id() + "/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("value=\"" + ref + "\"")
				.contains("Nobody called back")
				.containsPattern("id=\"rating-COMMUNICATION-2\"[^>]*checked")
				.containsPattern("name=\"version\" value=\"0\"")
				.doesNotContain("name=\"token\"");
		}

		@Test
		void savesTheCorrectionKeepsTheExactTimeAuditsAndPublishes() throws Exception {
			mvc.perform(correction(0))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/feedback/" + original.id()))
				.andExpect(flash().attribute("success", "feedback.corrected"));
			StoredFeedback after = log.get(original.id());
			assertThat(after.ratings()).containsEntry(Signal.COMMUNICATION, 1);
			assertThat(after.comment()).isEqualTo("Nobody called back, twice");
			assertThat(after.receivedAt()).as("seconds not shown in the form are kept")
				.isEqualTo(original.receivedAt());
			assertThat(after.source()).isEqualTo(Source.API);
			assertThat(after.loggedBy()).isEqualTo("api-client");
			String audit = jdbc
				.sql("select actor || '|' || before_state || '|' || after_state from audit_event"
						+ " where type = 'FEEDBACK_CORRECTED' and subject = ?")
				.param("feedback " + original.id())
				.query(String.class)
				.single();
			assertThat(audit).startsWith(TestUsers.MANAGER + "|")
				.contains("communication: 2", "comment: Nobody called back|", "communication: 1");
			assertThat(events.stream(FeedbackLogged.class))
				.contains(new FeedbackLogged(List.of(after.entry()), original.entry()));
		}

		@Test
		void saysNoChangesAndRecordsNothingForACorrectionThatChangesNothing() throws Exception {
			mvc.perform(correction(0).with(request -> {
				request.setParameter("ratings[COMMUNICATION]", "2");
				request.setParameter("comment", "Nobody called back");
				return request;
			}))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("success", "feedback.correctionUnchanged"));
			assertThat(log.get(original.id()).version()).isZero();
			assertThat(jdbc.sql("select count(*) from audit_event where type = 'FEEDBACK_CORRECTED' and subject = ?")
				.param("feedback " + original.id())
				.query(Long.class)
				.single()).isZero();
		}

		@Test
		void refusesAStaleVersionKeepingTheInput() throws Exception {
			log.correct(original.id(), original.toNewFeedback(), 0, "admin"); // unchanged:
																				// no new
																				// version
			log.correct(original.id(),
					NewFeedback.builder()
						.customer(ref, null, null)
						.receivedAt(original.receivedAt())
						.channel(Channel.EMAIL)
						.category(Category.SERVICE)
						.nps(2)
						.source(Source.API)
						.loggedBy("x")
						.build(),
					0, "admin");
			String html = mvc.perform(correction(0))
				.andExpect(status().isConflict())
				.andExpect(model().attributeHasErrors("feedbackForm"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Someone else corrected this entry while you were editing it.")
				.contains("Nobody called back, twice");
			assertThat(log.get(original.id()).channel()).isEqualTo(Channel.EMAIL);
		}

		@Test
		void treatsTheSameCorrectionSentTwiceAsOne() throws Exception {
			mvc.perform(correction(0)).andExpect(status().is3xxRedirection());
			mvc.perform(correction(0)).andExpect(status().is3xxRedirection());
			assertThat(log.get(original.id()).version()).isEqualTo(1);
		}

		@Test
		void reRendersARuleViolationWithTheInputKept() throws Exception {
			String html = mvc.perform(correction(0).param("csat", "9"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "csat"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Nobody called back, twice").contains("CSAT must be a whole number from 1 to 5.");
			assertThat(log.get(original.id()).version()).isZero();
		}

		@Test
		void answersNotFoundForAnUnknownOrMalformedId() throws Exception {
			mvc.perform(get("/feedback/99999999999/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isNotFound());
			mvc.perform(get("/feedback/abc/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isNotFound())
				.andExpect(content().string(not(containsString("Exception"))));
		}

	}

	@Test
	void theFormTokenFieldIsAUuid() throws Exception {
		mvc.perform(get("/feedback/new").with(user(users.user(TestUsers.MANAGER))))
			.andExpect(content().string(matchesPattern(
					"(?s).*name=\"token\" value=\"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\".*")));
	}

	/**
	 * "Save and log another": back to a fresh form naming the saved entry, for the next
	 * paper form of a stack.
	 */
	@Nested
	class LogAnother {

		@Test
		void savesAndReturnsToAFreshFormKeepingTheChannelAndNamingTheEntry() throws Exception {
			MvcResult saved = mvc.perform(submission("channel", "PHONE", "then", "another"))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/feedback/new"))
				.andReturn();
			StoredFeedback entry = stored().get(0);
			assertThat((Map<String, Object>) saved.getFlashMap()).containsEntry("loggedId", entry.id())
				.containsEntry("loggedCustomer", "Aiko Tanaka")
				.doesNotContainKey("success");

			// the fresh form itself, in both languages, is read in FeedbackBrowserTests:
			// the
			// flash attributes travel in the session
			assertThat(saved.getFlashMap().get("keptChannel")).isEqualTo(Channel.PHONE);
		}

		@Test
		void aRefusedFormKeepsEverythingTyped() throws Exception {
			String html = mvc.perform(submission("then", "another", "nps", "12"))
				.andExpect(status().isOk())
				.andExpect(view().name(FeedbackFormController.FORM_VIEW))
				.andExpect(model().attributeHasFieldErrors("feedbackForm", "nps"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("value=\"" + ref + "\"")
				.contains("value=\"Aiko Tanaka\"")
				.contains("Delivered late but friendly")
				.contains("value=\"12\"")
				.doesNotContain("id=\"logged-entry\"");
			assertThat(stored()).isEmpty();
		}

		@Test
		void theCorrectionFormHasNoSecondButton() throws Exception {
			mvc.perform(submission()).andExpect(status().is3xxRedirection());
			long id = stored().get(0).id();
			mvc.perform(get("/feedback/{id}/edit", id).with(user(users.user(TestUsers.MANAGER))).locale(Locale.ENGLISH))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("id=\"log-another\""))));
			mvc.perform(get("/feedback/new").with(user(users.user(TestUsers.MANAGER))).locale(Locale.ENGLISH))
				.andExpect(content().string(containsString("Save and log another")));
		}

	}

	/**
	 * Each incident's explanation sits in its own box that the style sheet hides while
	 * the incident is not ticked; the markup never hides it, so it works without the
	 * style sheet's :has() and without JavaScript.
	 */
	@Test
	void everyIncidentExplanationIsInTheMarkupAndNeverHiddenByIt() throws Exception {
		String html = mvc.perform(get("/feedback/new").with(user(users.user(TestUsers.MANAGER))).locale(Locale.ENGLISH))
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (IncidentType type : IncidentType.values()) {
			assertThat(html).containsPattern("<div class=\"incident-detail\">\\s*<label[^>]*for=\"incidentNotes-" + type
					+ "\"[^>]*>[^<]*</label>\\s*<input[^>]*id=\"incidentNotes-" + type + "\"");
		}
	}

}
