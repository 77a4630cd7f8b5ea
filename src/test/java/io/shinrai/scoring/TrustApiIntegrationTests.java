package io.shinrai.scoring;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.FeedbackFixture.Draft;

/**
 * The trust and scoring-policy API: shapes, full precision, the worked example of
 * docs/scoring.md, errors.
 */
@IntegrationTest
@AutoConfigureMockMvc
class TrustApiIntegrationTests {

	private static final double EXACT = 1e-6;

	private static final String T = "2026-06-30T00:00:00Z";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ScoringPolicies policies;

	private ScoringTestSupport support;

	private FeedbackFixture fixture;

	@BeforeEach
	void setUp() {
		support = new ScoringTestSupport(jdbc, policies);
		support.restoreDefaults();
		fixture = new FeedbackFixture(testFeedback, jdbc);
	}

	@AfterEach
	void restoreDefaults() {
		support.restoreDefaults();
	}

	/**
	 * The worked example of docs/scoring.md, stored as one customer in a segment of its
	 * own.
	 */
	private String storeWorkedExample(String segment) {
		String reference = "EX-" + UUID.randomUUID();
		long customer = fixture.customer(reference, "Worked Example", segment);
		fixture.store(new Draft(customer, Instant.parse("2026-04-01T00:00:00Z"), Channel.SURVEY, Category.PRODUCT,
				Map.of(Signal.TRANSPARENCY, 5, Signal.QUALITY, 4), null, null, null, List.of()));
		fixture.store(new Draft(customer, Instant.parse("2026-05-31T00:00:00Z"), Channel.PHONE, Category.SERVICE,
				Map.of(Signal.TRANSPARENCY, 2, Signal.COMMUNICATION, 3), 4, null, null,
				List.of(IncidentType.BROKEN_PROMISE)));
		fixture.store(new Draft(customer, Instant.parse("2026-06-30T00:00:00Z"), Channel.EMAIL, Category.PRODUCT,
				Map.of(Signal.QUALITY, 5, Signal.VALUES, 4), 9, 5, 6, List.of()));
		return reference;
	}

	@Test
	void customerTrustOfTheWorkedExampleMatchesScoringMdToTheDigit() throws Exception {
		String reference = storeWorkedExample("EX-" + UUID.randomUUID());

		mvc.perform(get("/api/v1/customers/{ref}/trust", reference).param("asOf", T)
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.trust").value(closeTo(50.116330, EXACT)))
			.andExpect(jsonPath("$.band").value("MEDIUM"))
			.andExpect(jsonPath("$.evidence").value(closeTo(6.968503, EXACT)))
			.andExpect(jsonPath("$.status").value("WATCH"))
			.andExpect(jsonPath("$.negativeCount").value(1))
			.andExpect(jsonPath("$.signals.transparency.score").value(closeTo(51.565864, EXACT)))
			.andExpect(jsonPath("$.signals.consistency.score").value(closeTo(22.825310, EXACT)))
			.andExpect(jsonPath("$.signals.communication.score").value(closeTo(50.000000, EXACT)))
			.andExpect(jsonPath("$.signals.quality.score").value(closeTo(67.857143, EXACT)))
			.andExpect(jsonPath("$.signals.values.score").value(closeTo(58.333333, EXACT)))
			.andExpect(jsonPath("$.signals.values.evidence").value(closeTo(1.0, EXACT)))
			.andExpect(jsonPath("$.asOf").value(T));
	}

	@Test
	void scopeTrustOfTheWorkedExampleAddsNpsCsatAndCesOverTheRiskWindow() throws Exception {
		String segment = "EX-segment-" + UUID.randomUUID();
		storeWorkedExample(segment);

		mvc.perform(get("/api/v1/trust").param("asOf", T)
			.param("segment", segment)
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.segment").value(segment))
			.andExpect(jsonPath("$.trust").value(closeTo(50.116330, EXACT)))
			.andExpect(jsonPath("$.evidence").value(closeTo(6.968503, EXACT)))
			.andExpect(jsonPath("$.signals.consistency.score").value(closeTo(22.825310, EXACT)))
			.andExpect(jsonPath("$.nps").value(closeTo(0.0, EXACT)))
			.andExpect(jsonPath("$.npsResponses").value(2))
			.andExpect(jsonPath("$.csat").value(closeTo(100.0, EXACT)))
			.andExpect(jsonPath("$.ces").value(closeTo(6.0, EXACT)))
			.andExpect(jsonPath("$.status").value(nullValue()));
		// one channel of the segment: only the phone call
		mvc.perform(get("/api/v1/trust").param("asOf", T)
			.param("segment", segment)
			.param("channel", "phone")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.channel").value("PHONE"))
			.andExpect(jsonPath("$.nps").value(closeTo(-100.0, EXACT)))
			.andExpect(jsonPath("$.csat").value(nullValue()));
	}

	@Test
	void noDataIsNullTrustAndBandNeverTheMean() throws Exception {
		String reference = "EMPTY-" + UUID.randomUUID();
		fixture.customer(reference, "No feedback yet", "empty");

		mvc.perform(
				get("/api/v1/customers/{ref}/trust", reference).with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trust").value(nullValue()))
			.andExpect(jsonPath("$.band").value(nullValue()))
			.andExpect(jsonPath("$.evidence").value(0.0))
			.andExpect(jsonPath("$.status").value("OK"))
			.andExpect(jsonPath("$.signals.quality.score").value(nullValue()));
		mvc.perform(get("/api/v1/trust").param("segment", "no such segment " + UUID.randomUUID())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.trust").value(nullValue()))
			.andExpect(jsonPath("$.nps").value(nullValue()));
	}

	@Nested
	class Errors {

		@Test
		void aBadAsOfIsA400WithAClearMessage() throws Exception {
			mvc.perform(get("/api/v1/trust").param("asOf", "yesterday")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.detail").value(containsString("2026-06-30T00:00:00Z")))
				.andExpect(jsonPath("$.errors.asOf").exists());
		}

		@Test
		void aBadAsOfIsExplainedInJapaneseToo() throws Exception {
			mvc.perform(get("/api/v1/customers/x/trust").param("asOf", "2026-13-01")
				.header("Accept-Language", "ja")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value(containsString("ISO-8601 形式")));
		}

		@Test
		void anAsOfOutsideTheYearsTheDatabaseKnowsIsA400() throws Exception {
			mvc.perform(get("/api/v1/trust").param("asOf", "+20000-01-01T00:00:00Z")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.asOf").exists());
		}

		@Test
		void anAsOfFarFromTheSumsIsScoredFromTheRowsExactly() throws Exception {
			mvc.perform(get("/api/v1/trust").param("asOf", "2999-01-01T00:00:00Z")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.asOf").value("2999-01-01T00:00:00Z"));
		}

		@Test
		void anUnknownChannelIsA400() throws Exception {
			mvc.perform(
					get("/api/v1/trust").param("channel", "FAX").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors.channel").value(containsString("EMAIL")));
		}

		@Test
		void anUnknownReferenceIsA404InJson() throws Exception {
			mvc.perform(get("/api/v1/customers/{ref}/trust", "nobody-" + UUID.randomUUID())
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isNotFound())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(404));
		}

		@Test
		void anOffsetInstantIsAcceptedAsTheSameInstant() throws Exception {
			mvc.perform(get("/api/v1/trust").param("asOf", "2026-06-30T09:00:00+09:00")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.asOf").value(T));
		}

	}

	@Nested
	class Policy {

		@Test
		void readsTheActivePolicyWithWhoWhenAndWhy() throws Exception {
			mvc.perform(get("/api/v1/scoring-policy").with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.version").value(policies.active().version()))
				.andExpect(jsonPath("$.weights.transparency").value(20))
				.andExpect(jsonPath("$.severities.BROKEN_PROMISE").value(3))
				.andExpect(jsonPath("$.halfLifeDays").value(90.0))
				.andExpect(jsonPath("$.activatedBy").exists())
				.andExpect(jsonPath("$.reason").exists());
		}

		@Test
		void anAdminActivatesANewVersion() throws Exception {
			int active = policies.active().version();

			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content(body(30, 90, 40, 70, "Transparency first", active))
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isCreated())
				.andExpect(header().exists("Location"))
				.andExpect(jsonPath("$.version").value(greaterThan(active)))
				.andExpect(jsonPath("$.weights.transparency").value(30))
				.andExpect(jsonPath("$.activatedBy").value(TestUsers.ADMIN))
				.andExpect(jsonPath("$.reason").value("Transparency first"));
		}

		@Test
		void aStaleVersionIsA409AndChangesNothing() throws Exception {
			int active = policies.active().version();
			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content(body(30, 90, 40, 70, "First", active))
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))).andExpect(status().isCreated());
			int after = policies.active().version();

			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content(body(10, 90, 40, 70, "Second", active))
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.activeVersion").value(after))
				.andExpect(jsonPath("$.detail").value(containsString(Integer.toString(after))));
			org.assertj.core.api.Assertions.assertThat(policies.active().version()).isEqualTo(after);
		}

		@Test
		void invalidFieldsAreA400WithAMessagePerField() throws Exception {
			int active = policies.active().version();

			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content(body(101, 3, 80, 70, "", active))
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors['weights.transparency']").value(containsString("100")))
				.andExpect(jsonPath("$.errors.halfLifeDays").value(containsString("3650")))
				.andExpect(jsonPath("$.errors.highThreshold").exists())
				.andExpect(jsonPath("$.errors.reason").exists());
			org.assertj.core.api.Assertions.assertThat(policies.active().version()).isEqualTo(active);
		}

		@Test
		void missingAndUnknownFieldsAreNamed() throws Exception {
			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content("{\"weights\": {\"transparency\": 20, \"honesty\": 5}, \"reason\": \"x\"}")
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors['weights.honesty']").exists())
				.andExpect(jsonPath("$.errors['weights.quality']").exists())
				.andExpect(jsonPath("$.errors.halfLifeDays").exists())
				.andExpect(jsonPath("$.errors.basedOnVersion").exists());
			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content("{not json")
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").exists());
		}

		@Test
		void onlyAdminsMayActivate() throws Exception {
			mvc.perform(post("/api/v1/scoring-policy").contentType(MediaType.APPLICATION_JSON)
				.content(body(30, 90, 40, 70, "Not mine to decide", policies.active().version()))
				.with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD))).andExpect(status().isForbidden());
		}

		private String body(int transparencyWeight, double halfLife, double low, double high, String reason,
				int basedOn) {
			StringBuilder severities = new StringBuilder();
			for (IncidentType type : IncidentType.values()) {
				severities.append(severities.length() == 0 ? "" : ", ")
					.append('"')
					.append(type.name())
					.append("\": ")
					.append(type.defaultSeverity());
			}
			return """
					{"weights": {"transparency": %d, "consistency": 20, "communication": 20, "quality": 20, "values": 20},
					 "halfLifeDays": %s, "priorStrength": 2, "priorMean": 50, "severities": {%s},
					 "lowThreshold": %s, "highThreshold": %s, "riskWindowDays": 90, "atRiskCount": 2,
					 "acknowledgeWithinHours": 24, "reason": "%s", "basedOnVersion": %d}
					"""
				.formatted(transparencyWeight, halfLife, severities, low, high, reason, basedOn);
		}

	}

}
