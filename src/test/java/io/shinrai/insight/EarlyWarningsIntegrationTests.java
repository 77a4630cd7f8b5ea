package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
class EarlyWarningsIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private EarlyWarnings warnings;

	@Autowired
	private TermCountMaintenance maintenance;

	@Autowired
	private ApplicationEvents events;

	@Autowired
	private MockMvc mvc;

	private final Random random = new Random(3);

	private final Instant weekEnd = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();

	/**
	 * Six entries a week for 30 weeks, ratings around 4 with noise; {@code declining}:
	 * the last four weeks turn bad.
	 */
	private InsightFixtures history(boolean declining) {
		InsightFixtures fixtures = new InsightFixtures(log);
		List<String> customers = List.of(fixtures.customer(), fixtures.customer(), fixtures.customer());
		for (int week = 30; week >= 1; week--) {
			for (int i = 0; i < 6; i++) {
				Instant at = weekEnd.minus(Duration.ofDays(7L * week - i)).plus(Duration.ofHours(3));
				boolean bad = declining && week <= TrustDropRule.RECENT_WEEKS;
				int rating = bad ? 1 + random.nextInt(2) : 3 + random.nextInt(3);
				fixtures.add(customers.get(i % 3), at, Channel.values()[i % 2], entry -> {
					entry.rating(Signal.CONSISTENCY, rating)
						.rating(Signal.QUALITY, bad ? rating : 3 + random.nextInt(3));
					if (bad) {
						entry.incident(IncidentType.BROKEN_PROMISE, null).comment("約束の納期を守らなかった");
					}
					else {
						entry.comment("いつも通りの対応でした");
					}
					return entry;
				});
			}
		}
		fixtures.store();
		maintenance.catchUp();
		return fixtures;
	}

	@Test
	void warnsOfAPlantedDeclineWithTheSignalsAndThemesBehindIt() throws Exception {
		InsightFixtures fixtures = history(true);
		EarlyWarnings.Evaluation evaluation = warnings.evaluate(EarlyWarnings.ScopeKind.SEGMENT, fixtures.segment(),
				weekEnd);
		assertThat(evaluation.verdict().warn()).isTrue();
		assertThat(evaluation.signals()).extracting(EarlyWarnings.SignalChange::signal).contains(Signal.CONSISTENCY);

		List<EarlyWarnings.Warning> raised = warnings.check(weekEnd.plus(Duration.ofHours(6)));
		EarlyWarnings.Warning warning = raised.stream()
			.filter(w -> w.scopeKind() == EarlyWarnings.ScopeKind.SEGMENT && w.scopeValue().equals(fixtures.segment()))
			.findFirst()
			.orElseThrow();
		assertThat(warning.drop()).isGreaterThanOrEqualTo(TrustDropRule.MIN_DROP);
		assertThat(warning.to()).isEqualTo(weekEnd);
		assertThat(warning.themes()).isNotEmpty().allMatch(term -> "約束の納期を守らなかった".contains(term));
		assertThat(events.stream(TrustWarningRaised.class))
			.anyMatch(event -> event.scopeValue().equals(fixtures.segment()) && event.scopeKind().equals("SEGMENT")
					&& event.fallingSignals().contains("consistency"));

		// the same week again records nothing new
		assertThat(warnings.check(weekEnd.plus(Duration.ofHours(7))))
			.noneMatch(w -> w.scopeValue().equals(fixtures.segment()));

		mvc.perform(get("/api/v1/insights/warnings").param("segment", fixtures.segment())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.warnings.length()").value(1))
			.andExpect(jsonPath("$.warnings[0].scopeKind").value("SEGMENT"))
			.andExpect(jsonPath("$.warnings[0].drop").value(warning.drop()))
			.andExpect(jsonPath("$.warnings[0].signals[0].signal").exists());
	}

	@Test
	void doesNotWarnOfAStableNoisySegment() {
		InsightFixtures fixtures = history(false);
		EarlyWarnings.Evaluation evaluation = warnings.evaluate(EarlyWarnings.ScopeKind.SEGMENT, fixtures.segment(),
				weekEnd);
		assertThat(evaluation).isNotNull();
		assertThat(evaluation.verdict().warn()).isFalse();
		assertThat(warnings.check(weekEnd.plus(Duration.ofHours(6))))
			.noneMatch(w -> w.scopeValue().equals(fixtures.segment()));
	}

}
