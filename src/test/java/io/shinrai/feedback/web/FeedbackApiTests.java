package io.shinrai.feedback.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.shinrai.FullWidth;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class FeedbackApiTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private FeedbackLog log;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEvents events;

	private String ref;

	@BeforeEach
	void newCustomer() {
		ref = "T-" + UUID.randomUUID();
	}

	private String body(String extra) {
		return """
				{"customerRef": "%s", "customerName": "Tanaka Trading", "segment": "B2B",
				 "receivedAt": "%s", "channel": "email", "category": "DELIVERY",
				 "ratings": {"transparency": 4, "quality": 2}, "nps": 6, "incidents": ["BROKEN_PROMISE"],
				 "comment": "配送が遅れた" %s}
				""".formatted(ref, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), extra);
	}

	private MockHttpServletRequestBuilder postAs(String user, String json) {
		return post("/api/v1/feedback").with(httpBasic(user, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json);
	}

	private ResultActions perform(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request);
	}

	private long count(String column, String value) {
		return jdbc
			.sql("select count(*) from feedback f join customer c on c.id = f.customer_id where " + column + " = ?")
			.param(value)
			.query(Long.class)
			.single();
	}

	@Nested
	class Post {

		@Test
		void storesTheEntryAndAnswers201WithItAndItsLocation() throws Exception {
			String location = perform(postAs(TestUsers.MANAGER, body(", \"externalId\": \"X-" + ref + "\"")))
				.andExpect(status().isCreated())
				.andExpect(header().string(HttpHeaders.LOCATION, matchesPattern("/api/v1/feedback/\\d+")))
				.andExpect(jsonPath("$.customerRef").value(ref))
				.andExpect(jsonPath("$.customerName").value("Tanaka Trading"))
				.andExpect(jsonPath("$.channel").value("EMAIL"))
				.andExpect(jsonPath("$.ratings.transparency").value(4))
				.andExpect(jsonPath("$.ratings.quality").value(2))
				.andExpect(jsonPath("$.incidents[0]").value("BROKEN_PROMISE"))
				.andExpect(jsonPath("$.negative").value(true))
				.andExpect(jsonPath("$.source").value("API"))
				.andExpect(jsonPath("$.loggedBy").value(TestUsers.MANAGER))
				.andExpect(jsonPath("$.comment").value("配送が遅れた"))
				.andReturn()
				.getResponse()
				.getHeader(HttpHeaders.LOCATION);
			long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
			StoredFeedback stored = log.get(id);
			assertThat(stored.source()).isEqualTo(Source.API);
			assertThat(stored.ratings()).containsEntry(Signal.QUALITY, 2);
			assertThat(stored.incidents()).containsOnlyKeys(IncidentType.BROKEN_PROMISE);
			assertThat(events.stream(FeedbackLogged.class)).containsExactly(FeedbackLogged.of(stored.entry()));
			perform(get(location).with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))).andExpect(status().isOk())
				.andExpect(jsonPath("$.id").value(id));
		}

		@Test
		void readsALocalDateTimeOrADateInTheBusinessTimeZone() throws Exception {
			String json = body("").replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"2026-05-01\"");
			perform(postAs(TestUsers.MANAGER, json)).andExpect(status().isCreated())
				.andExpect(jsonPath("$.receivedAt").value("2026-04-30T15:00:00Z"));
			json = body("").replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"2026-05-01T09:30\"");
			perform(postAs(TestUsers.MANAGER, json)).andExpect(status().isCreated())
				.andExpect(jsonPath("$.receivedAt").value("2026-05-01T00:30:00Z"));
		}

		@Test
		void answers409WithTheExistingEntryForAKnownExternalIdAndStoresNoSecondRow() throws Exception {
			String externalId = "X-" + ref;
			perform(postAs(TestUsers.MANAGER, body(", \"externalId\": \"" + externalId + "\"")))
				.andExpect(status().isCreated());
			perform(postAs(TestUsers.MANAGER,
					body(", \"externalId\": \"" + externalId + "\"").replace("\"nps\": 6", "\"nps\": 9")))
				.andExpect(status().isConflict())
				.andExpect(header().string(HttpHeaders.LOCATION, matchesPattern("/api/v1/feedback/\\d+")))
				.andExpect(jsonPath("$.externalId").value(externalId))
				.andExpect(jsonPath("$.nps").value(6));
			assertThat(count("f.external_id", externalId)).isEqualTo(1);
		}

		@Test
		void findsTheCustomerOfAFullWidthReferenceAndSegment() throws Exception {
			perform(postAs(TestUsers.MANAGER, body(""))).andExpect(status().isCreated());
			String fullWidth = body("").replace(ref, "　" + FullWidth.of(ref))
				.replace("\"B2B\"", "\"" + FullWidth.of("B2B") + "\"");
			perform(postAs(TestUsers.MANAGER, fullWidth)).andExpect(status().isCreated())
				.andExpect(jsonPath("$.customerRef").value(ref));
			assertThat(count("c.reference", ref)).isEqualTo(2);
			assertThat(count("c.segment", "B2B")).isGreaterThanOrEqualTo(2);
		}

		@Test
		void answers401WithoutCredentials() throws Exception {
			perform(post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).content(body("")))
				.andExpect(status().isUnauthorized());
			perform(post("/api/v1/feedback").with(httpBasic("nobody-" + ref, "wrong-password-1"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body(""))).andExpect(status().isUnauthorized());
			assertThat(count("c.reference", ref)).isZero();
		}

		@Test
		void answers403ToStaff() throws Exception {
			perform(postAs(TestUsers.STAFF, body(""))).andExpect(status().isForbidden());
			assertThat(count("c.reference", ref)).isZero();
		}

	}

	@Nested
	class BadRequests {

		private ResultActions rejects(String json) throws Exception {
			ResultActions result = perform(postAs(TestUsers.MANAGER, json)).andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
			assertThat(count("c.reference", ref)).isZero();
			return result;
		}

		@Test
		void reportsEveryBrokenRuleByField() throws Exception {
			rejects(body("").replace("\"nps\": 6", "\"nps\": 11, \"ces\": 0")
				.replace("\"transparency\": 4", "\"transparency\": 9")
				.replace("\"category\": \"DELIVERY\"", "\"category\": null")).andExpect(jsonPath("$.status").value(400))
				.andExpect(jsonPath("$.errors.nps").value("NPS must be a whole number from 0 to 10."))
				.andExpect(jsonPath("$.errors.ces").value("CES must be a whole number from 1 to 7."))
				.andExpect(jsonPath("$.errors['ratings.transparency']")
					.value("Choose a rating from 1 to 5, or \"not rated\"."))
				.andExpect(jsonPath("$.errors.category").value("Choose a category."));
		}

		@Test
		void localisesTheMessagesByAcceptLanguage() throws Exception {
			perform(postAs(TestUsers.MANAGER, body("").replace("\"nps\": 6", "\"nps\": 11"))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "ja-JP,ja;q=0.9")).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.title").value("フィードバックの内容が正しくありません。"))
				.andExpect(jsonPath("$.errors.nps").value("NPSは0〜10の整数で入力してください。"));
		}

		@Test
		void refusesUnknownFields() throws Exception {
			rejects(body(", \"score\": 5")).andExpect(jsonPath("$.errors.score").value("Unknown field."));
		}

		@Test
		void refusesWrongTypesAndUnknownValues() throws Exception {
			rejects(body("").replace("\"nps\": 6", "\"nps\": 6.5, \"csat\": \"good\"")
				.replace("\"channel\": \"email\"", "\"channel\": \"FAX\"")
				.replace("\"quality\": 2", "\"quality\": 2, \"speed\": 3")
				.replace("[\"BROKEN_PROMISE\"]", "[\"BROKEN_PROMISE\", \"LATE\"]")
				.replace("\"comment\": \"配送が遅れた\"", "\"comment\": {\"text\": \"x\"}"))
				.andExpect(jsonPath("$.errors.nps").value("Send a whole number."))
				.andExpect(jsonPath("$.errors.csat").value("Send a whole number."))
				.andExpect(jsonPath("$.errors.channel")
					.value(org.hamcrest.Matchers.startsWith("Use one of: EMAIL, PHONE")))
				.andExpect(jsonPath("$.errors['ratings.speed']").exists())
				.andExpect(jsonPath("$.errors['incidents[1]']").exists())
				.andExpect(jsonPath("$.errors.comment").value("Send this field as text (a JSON string)."));
		}

		@Test
		void refusesAnUnreadableTime() throws Exception {
			rejects(body("").replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"yesterday\""))
				.andExpect(jsonPath("$.errors.receivedAt").exists());
		}

		@Test
		void refusesAFutureTime() throws Exception {
			rejects(body("").replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"2999-01-01T00:00:00Z\""))
				.andExpect(jsonPath("$.errors.receivedAt").value("The time received cannot be in the future."));
		}

		@Test
		void refusesANewCustomerWithoutAName() throws Exception {
			rejects(body("").replace("\"customerName\": \"Tanaka Trading\", ", ""))
				.andExpect(jsonPath("$.errors.customerName")
					.value("No customer has this reference yet: enter a name to create the customer."));
		}

		@Test
		void refusesAnEntryWithoutRatingScoreOrIncident() throws Exception {
			rejects("""
					{"customerRef": "%s", "customerName": "N", "receivedAt": "2026-05-01", "channel": "EMAIL",
					 "category": "OTHER", "comment": "only words"}""".formatted(ref))
				.andExpect(jsonPath("$.errors.ratings")
					.value("Give at least one rating, score (NPS, CSAT, CES) or incident."));
		}

		@Test
		void refusesMalformedJsonAndNonObjects() throws Exception {
			rejects("{\"customerRef\": ")
				.andExpect(jsonPath("$.errors.body").value("The request body is not valid JSON."));
			rejects("[1, 2]").andExpect(jsonPath("$.errors.body").exists());
			rejects("").andExpect(jsonPath("$.errors.body").exists());
		}

		@Test
		void refusesAnotherContentType() throws Exception {
			perform(postAs(TestUsers.MANAGER, body("")).contentType(MediaType.TEXT_PLAIN))
				.andExpect(status().isUnsupportedMediaType());
		}

	}

	@Nested
	class Get {

		@BeforeEach
		void storeFiveEntries() throws Exception {
			for (int day = 1; day <= 5; day++) {
				String json = body("").replaceFirst("\"receivedAt\": \"[^\"]+\"",
						"\"receivedAt\": \"2026-03-0" + day + "T12:00\"");
				perform(postAs(TestUsers.MANAGER, json)).andExpect(status().isCreated());
			}
		}

		private MockHttpServletRequestBuilder list() {
			return get("/api/v1/feedback").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
				.param("customerRef", ref);
		}

		@Test
		void answersAPageNewestFirst() throws Exception {
			perform(list().param("page", "1").param("size", "2")).andExpect(status().isOk())
				.andExpect(jsonPath("$.content", hasSize(2)))
				.andExpect(jsonPath("$.content[0].receivedAt").value("2026-03-03T03:00:00Z"))
				.andExpect(jsonPath("$.page").value(1))
				.andExpect(jsonPath("$.size").value(2))
				.andExpect(jsonPath("$.totalElements").value(5))
				.andExpect(jsonPath("$.totalPages").value(3));
		}

		@Test
		void filtersByPeriodWithAnInclusiveEndDate() throws Exception {
			perform(list().param("from", "2026-03-02").param("to", "2026-03-04"))
				.andExpect(jsonPath("$.totalElements").value(3));
			perform(list().param("from", "2026-03-02T03:00:00Z").param("to", "2026-03-03T03:00:00Z"))
				.andExpect(jsonPath("$.totalElements").value(1));
		}

		@Test
		void refusesInvalidParametersWithPerFieldErrors() throws Exception {
			perform(list().param("page", "-1").param("size", "1000").param("from", "soon"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.title").value("The query parameters are not valid."))
				.andExpect(jsonPath("$.errors.page").exists())
				.andExpect(jsonPath("$.errors.size").value("Use a whole number from 1 to 100."))
				.andExpect(jsonPath("$.errors.from").exists());
		}

		@Test
		void answers401And404AsJson() throws Exception {
			perform(get("/api/v1/feedback")).andExpect(status().isUnauthorized());
			perform(get("/api/v1/feedback/999999999999").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}

	}

	@Test
	void servesAnOpenApiDescriptionOfTheFeedbackApi() throws Exception {
		perform(get("/api/openapi").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))).andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.openapi").exists())
			.andExpect(jsonPath("$.paths['/api/v1/feedback'].post.responses['201']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/feedback'].post.responses['409']").exists())
			.andExpect(jsonPath("$.paths['/api/v1/feedback'].get").exists())
			.andExpect(jsonPath("$.components.schemas.NewFeedback.properties.customerRef").exists());
		perform(get("/api/openapi")).andExpect(status().isUnauthorized());
	}

	@Test
	void theLocationOfA201NamesAnEntryReceivedInTheRequestedDay() throws Exception {
		String json = body("").replaceFirst("\"receivedAt\": \"[^\"]+\"", "\"receivedAt\": \"2026/05/01\"");
		perform(postAs(TestUsers.MANAGER, json)).andExpect(status().isCreated());
		assertThat(log
			.search(new io.shinrai.feedback.FeedbackFilter(
					LocalDate.of(2026, 5, 1).atStartOfDay(ZoneId.of("Asia/Tokyo")).toInstant(), null, null, null, false,
					null, ref, null, null), 0, 10)
			.getTotalElements()).isEqualTo(1);
	}

}
