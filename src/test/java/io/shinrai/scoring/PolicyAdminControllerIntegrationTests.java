package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The scoring policy page against the shared database. Tests that activate a version
 * restore the default policy afterwards, because other tests rely on it; they change
 * weights, which need no background recomputation.
 */
@IntegrationTest
@AutoConfigureMockMvc
class PolicyAdminControllerIntegrationTests {

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TestUsers users;

	@Autowired
	private ScoringPolicies policies;

	@Autowired
	private MessageSource messages;

	private long customer;

	@BeforeEach
	void someFeedback() {
		TestFeedback fixtures = testFeedback;
		customer = fixtures.customer(TestFeedback.uniqueSegment(), "Policy Preview Co");
		Instant now = Instant.now();
		fixtures.entry(customer, now.minus(Duration.ofDays(2)))
			.rating(Signal.QUALITY, 5)
			.rating(Signal.TRANSPARENCY, 1)
			.save();
	}

	@AfterEach
	void restoreTheDefaultPolicy() {
		PolicyVersion active = policies.active();
		if (!active.policy().equals(ScoringPolicy.defaults())) {
			policies.activate(ScoringPolicy.defaults(), "restore the default policy after a test", active.version(),
					TestUsers.ADMIN);
		}
	}

	private int versions() {
		return jdbc.sql("select count(*) from scoring_policy").query(Integer.class).single();
	}

	/**
	 * The active policy as the form posts it, with {@code quality} weighted
	 * {@code qualityWeight}.
	 */
	private Map<String, String> fields(int qualityWeight) {
		PolicyVersion active = policies.active();
		ScoringPolicy p = active.policy();
		Map<String, String> fields = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			fields.put("weights[" + signal.name() + "]",
					String.valueOf(signal == Signal.QUALITY ? qualityWeight : p.weight(signal)));
		}
		for (IncidentType type : IncidentType.values()) {
			fields.put("severities[" + type.name() + "]", String.valueOf(p.severity(type)));
		}
		fields.put("halfLifeDays", String.valueOf(p.halfLifeDays()));
		fields.put("priorStrength", String.valueOf(p.priorStrength()));
		fields.put("priorMean", String.valueOf(p.priorMean()));
		fields.put("lowThreshold", String.valueOf(p.lowThreshold()));
		fields.put("highThreshold", String.valueOf(p.highThreshold()));
		fields.put("riskWindowDays", String.valueOf(p.riskWindowDays()));
		fields.put("atRiskCount", String.valueOf(p.atRiskCount()));
		fields.put("acknowledgeWithinHours", String.valueOf(p.acknowledgeWithinHours()));
		fields.put("basedOnVersion", String.valueOf(active.version()));
		return fields;
	}

	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, int qualityWeight) {
		return form(request, qualityWeight, TestUsers.ADMIN);
	}

	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, int qualityWeight,
			String username) {
		return form(request, fields(qualityWeight), username);
	}

	private MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder request, Map<String, String> fields,
			String username) {
		fields.forEach(request::param);
		return request.with(csrf()).with(user(users.user(username)));
	}

	/**
	 * The page and its checks come from {@link PolicyField}: every defined field, its
	 * label, range and message.
	 */
	@Test
	void rendersAndChecksEveryFieldAsItsDefinitionSays() throws Exception {
		String html = mvc
			.perform(get("/admin/policy").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (PolicyField field : PolicyField.values()) {
			PolicyField.Range range = field.range();
			String hint = messages.getMessage("policy.range", new Object[] { range.min(), range.max() },
					Locale.ENGLISH);
			assertThat(html).contains("name=\"" + field.key() + "\"")
				.contains(HtmlUtils.htmlEscape(messages.getMessage(field.labelKey(), null, Locale.ENGLISH)))
				.contains("id=\"" + field.key() + "-help\"><span>" + hint + "</span>");
		}
		for (PolicyField field : PolicyField.values()) {
			PolicyField.Range range = field.range();
			Map<String, String> fields = fields(20);
			fields.put(field.key(), String.valueOf(range.max() + 1));
			String refused = mvc
				.perform(form(post("/admin/policy/preview"), fields, TestUsers.ADMIN).header("Accept-Language", "en"))
				.andExpect(model().attributeHasFieldErrorCode("policyForm", field.key(), field.invalidKey()))
				.andExpect(model().attributeDoesNotExist("preview"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(refused).contains(HtmlUtils.htmlEscape(messages.getMessage(field.invalidKey(),
					new Object[] { range.min(), range.max() }, Locale.ENGLISH)));
		}
	}

	@Test
	void showsEveryFieldWithItsRangeAndTheActiveVersion() throws Exception {
		PolicyVersion active = policies.active();
		String html = mvc
			.perform(get("/admin/policy").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		for (Signal signal : Signal.values()) {
			assertThat(html).contains("name=\"weights[" + signal.name() + "]\"");
		}
		for (IncidentType type : IncidentType.values()) {
			assertThat(html).contains("name=\"severities[" + type.name() + "]\"");
		}
		assertThat(html)
			.contains("name=\"halfLifeDays\"", "name=\"priorStrength\"", "name=\"priorMean\"", "name=\"lowThreshold\"",
					"name=\"highThreshold\"", "name=\"riskWindowDays\"", "name=\"atRiskCount\"",
					"name=\"acknowledgeWithinHours\"", "name=\"reason\"")
			.contains("name=\"basedOnVersion\" value=\"" + active.version() + "\"")
			.contains("Allowed: 7–3,650.", "Allowed: 0–10.", "Active version " + active.version())
			.contains("Misleading claim", "Transparency &amp; honesty")
			.contains("id=\"policy-history\"", "id=\"nav-policy\"");
	}

	@Test
	void namesTheFirstVersionStoredByShinraiItselfWithATranslatedLabel() throws Exception {
		String html = mvc
			.perform(get("/admin/policy").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "ja"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(policies.history().stream().anyMatch(change -> change.version().seeded())).isTrue();
		// the reason the first migration stored is an internal note, never shown to
		// admins
		String storedReason = jdbc.sql("select reason from scoring_policy where version = 1")
			.query(String.class)
			.single();
		assertThat(html).contains("Shinrai の初期設定").doesNotContain(storedReason);
	}

	@Test
	void previewShowsTheDraftAgainstTheActiveVersionAndSavesNothing() throws Exception {
		int before = versions();
		int active = policies.active().version();
		MvcResult result = mvc.perform(form(post("/admin/policy/preview"), 100).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(model().hasNoErrors())
			.andExpect(model().attributeExists("preview"))
			.andReturn();
		String html = result.getResponse().getContentAsString();
		assertThat(html)
			.contains("id=\"policy-preview\"", "Company trust", "Customers per band", "Customers per status")
			.contains("name=\"weights[QUALITY]\" value=\"100\"");
		PolicyPreviewView preview = (PolicyPreviewView) result.getModelAndView().getModel().get("preview");
		assertThat(preview.scores().get(0).after()).isNotEqualTo(preview.scores().get(0).before());
		assertThat(versions()).isEqualTo(before);
		assertThat(policies.active().version()).isEqualTo(active);
	}

	@Test
	void activationCreatesAVersionWithTheReasonAndAuditsIt() throws Exception {
		int before = policies.active().version();
		String reason = "Quality matters most " + UUID.randomUUID();
		mvc.perform(form(post("/admin/policy"), 60).param("reason", reason))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/admin/policy"))
			.andExpect(flash().attribute("success", "policy.activated"));
		PolicyVersion active = policies.active();
		assertThat(active.version()).isGreaterThan(before);
		assertThat(active.policy().weight(Signal.QUALITY)).isEqualTo(60);
		assertThat(active.reason()).isEqualTo(reason);
		assertThat(active.activatedBy()).isEqualTo(TestUsers.ADMIN);
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'POLICY_ACTIVATED' and summary = ?")
			.param(reason)
			.query(Integer.class)
			.single()).isEqualTo(1);
		String html = mvc
			.perform(get("/admin/policy").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains(reason, "Weight of Quality &amp; performance")
			.as("a version that copies no other says nothing about copies")
			.doesNotContain("Re-activates version 0");
	}

	@Test
	void reactivatesAnOlderVersionAsANewOne() throws Exception {
		int original = policies.active().version();
		mvc.perform(form(post("/admin/policy"), 70).param("reason", "heavier quality"))
			.andExpect(status().is3xxRedirection());
		int changed = policies.active().version();
		mvc.perform(post("/admin/policy/" + original + "/reactivate").param("reason", "back to the previous weights")
			.param("basedOnVersion", String.valueOf(changed))
			.with(csrf())
			.with(user(users.user(TestUsers.ADMIN))))
			.andExpect(redirectedUrl("/admin/policy"))
			.andExpect(flash().attribute("success", "policy.reactivated"));
		PolicyVersion active = policies.active();
		assertThat(active.version()).isGreaterThan(changed);
		assertThat(active.copiedFrom()).isEqualTo(original);
		assertThat(active.policy()).isEqualTo(policies.version(original).orElseThrow().policy());
	}

	@Nested
	class Refusals {

		@Test
		void invalidValuesAreShownBackWithLocalisedMessagesAndNothingIsSaved() throws Exception {
			int before = versions();
			Map<String, String> fields = fields(100);
			fields.put("halfLifeDays", "3");
			fields.put("severities[DATA_MISUSE]", "abc");
			String html = mvc
				.perform(form(post("/admin/policy/preview"), fields, TestUsers.ADMIN).header("Accept-Language", "ja"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("policyForm", "halfLifeDays", "severities[DATA_MISUSE]"))
				.andExpect(model().attributeDoesNotExist("preview"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("value=\"3\"", "value=\"abc\"", "name=\"weights[QUALITY]\" value=\"100\"")
				.contains("半減期は 7 日から 3650 日の範囲で指定してください。", "深刻度は整数で入力してください。");
			assertThat(versions()).isEqualTo(before);
		}

		@Test
		void activationWithoutAReasonIsRefused() throws Exception {
			int before = versions();
			mvc.perform(form(post("/admin/policy"), 60).param("reason", "  "))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("policyForm", "reason", "scoring.policy.invalid.reason"));
			assertThat(versions()).isEqualTo(before);
		}

		@Test
		void allWeightsZeroIsRefused() throws Exception {
			Map<String, String> fields = fields(0);
			for (Signal signal : Signal.values()) {
				fields.put("weights[" + signal.name() + "]", "0");
			}
			fields.put("reason", "nothing counts");
			String html = mvc
				.perform(form(post("/admin/policy"), fields, TestUsers.ADMIN).header("Accept-Language", "en"))
				.andExpect(model().attributeHasFieldErrorCode("policyForm", "weights",
						"scoring.policy.invalid.weightsAllZero"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("At least one signal must have a weight above 0.");
		}

		@Test
		void activationBasedOnAStaleVersionKeepsTheValuesAndSavesNothing() throws Exception {
			MockHttpServletRequestBuilder mine = form(post("/admin/policy"), 55).param("reason", "my change");
			// another admin activates meanwhile
			PolicyVersion theirs = policies.activate(withQualityWeight(45), "their change", policies.active().version(),
					TestUsers.ADMIN);
			int before = versions();
			String html = mvc.perform(mine.header("Accept-Language", "en"))
				.andExpect(status().isOk())
				.andExpect(model().attributeExists("staleActive"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("id=\"policy-stale\"", "activated version " + theirs.version() + " meanwhile")
				.contains("name=\"weights[QUALITY]\" value=\"55\"", "my change");
			assertThat(versions()).isEqualTo(before);
			assertThat(policies.active().version()).isEqualTo(theirs.version());
			assertThat(policies.active().policy().weight(Signal.QUALITY)).isEqualTo(45);
		}

		@Test
		void reactivationBasedOnAStaleVersionIsRefused() throws Exception {
			int stale = policies.active().version();
			PolicyVersion theirs = policies.activate(withQualityWeight(45), "their change", stale, TestUsers.ADMIN);
			int before = versions();
			mvc.perform(post("/admin/policy/" + stale + "/reactivate").param("reason", "go back")
				.param("basedOnVersion", String.valueOf(stale))
				.with(csrf())
				.with(user(users.user(TestUsers.ADMIN))))
				.andExpect(redirectedUrl("/admin/policy"))
				.andExpect(flash().attribute("failure", "policy.stale"));
			assertThat(versions()).isEqualTo(before);
			assertThat(policies.active().version()).isEqualTo(theirs.version());
		}

		@Test
		void reactivationWithoutAReasonIsRefused() throws Exception {
			int before = versions();
			mvc.perform(post("/admin/policy/1/reactivate")
				.param("basedOnVersion", String.valueOf(policies.active().version()))
				.with(csrf())
				.with(user(users.user(TestUsers.ADMIN))))
				.andExpect(redirectedUrl("/admin/policy"))
				.andExpect(flash().attribute("failure", "policy.reactivate.reasonRequired"));
			assertThat(versions()).isEqualTo(before);
		}

		@Test
		void reactivatingAnUnknownVersionIsNotFound() throws Exception {
			mvc.perform(post("/admin/policy/999999/reactivate").param("reason", "why not")
				.param("basedOnVersion", String.valueOf(policies.active().version()))
				.with(csrf())
				.with(user(users.user(TestUsers.ADMIN)))).andExpect(status().isNotFound());
		}

		@Test
		void staffAndManagersAreForbidden() throws Exception {
			for (String username : new String[] { TestUsers.STAFF, TestUsers.MANAGER }) {
				mvc.perform(get("/admin/policy").with(user(users.user(username)))).andExpect(status().isForbidden());
				mvc.perform(form(post("/admin/policy/preview"), 50, username)).andExpect(status().isForbidden());
				int before = versions();
				mvc.perform(form(post("/admin/policy"), 50, username).param("reason", "not allowed"))
					.andExpect(status().isForbidden());
				assertThat(versions()).isEqualTo(before);
			}
		}

		private ScoringPolicy withQualityWeight(int weight) {
			ScoringPolicy p = policies.active().policy();
			Map<Signal, Integer> weights = new EnumMap<>(p.weights());
			weights.put(Signal.QUALITY, weight);
			return new ScoringPolicy(weights, p.halfLifeDays(), p.priorStrength(), p.priorMean(), p.severities(),
					p.lowThreshold(), p.highThreshold(), p.riskWindowDays(), p.atRiskCount(),
					p.acknowledgeWithinHours());
		}

	}

}
