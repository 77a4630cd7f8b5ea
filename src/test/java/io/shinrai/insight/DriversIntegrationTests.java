package io.shinrai.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.system.SegmentScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class DriversIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private Drivers drivers;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Autowired
	private TestUsers users;

	private final Random random = new Random(11);

	private final Instant now = Instant.now();

	private final LocalDate today = LocalDate.now(ZONE);

	private InsightFixtures plantedConsistencyDriver(int entries) {
		InsightFixtures fixtures = InsightFixtures.plantedConsistencyDriver(log, random, now, entries);
		fixtures.store();
		return fixtures;
	}

	@Test
	void findsThePlantedDriverFirstWithTheEntriesBehindEachFactor() {
		InsightFixtures fixtures = plantedConsistencyDriver(160);
		Drivers.DriverReport report = drivers
			.drivers(new InsightFilter(today.minusDays(89), today, fixtures.segment(), null));
		assertThat(report.enough()).isTrue();
		assertThat(report.entries()).isEqualTo(160);
		Drivers.Driver top = report.drivers().get(0);
		assertThat(top.factor()).isEqualTo("consistency");
		assertThat(top.kind()).isEqualTo(Drivers.Kind.SIGNAL);
		assertThat(top.promoterSide()).isTrue();
		assertThat(top.entries()).isEqualTo(160);
		assertThat(top.importance()).isGreaterThan(0.3);
		assertThat(top.score()).isNotNull();
		// the random ratings explain next to nothing
		assertThat(report.drivers()).filteredOn(driver -> driver.factor().equals("transparency"))
			.singleElement()
			.satisfies(driver -> assertThat(driver.importance()).isLessThan(0.05));
		// a rating given in half the entries is analysed over those entries only
		assertThat(report.drivers()).filteredOn(driver -> driver.factor().equals("quality"))
			.singleElement()
			.satisfies(driver -> assertThat(driver.entries()).isEqualTo(80));
		assertThat(report.drivers()).filteredOn(driver -> driver.factor().equals("BROKEN_PROMISE"))
			.singleElement()
			.satisfies(driver -> {
				assertThat(driver.kind()).isEqualTo(Drivers.Kind.INCIDENT);
				assertThat(driver.promoterSide()).isFalse();
				assertThat(driver.entries()).isEqualTo(20);
			});
		// values was never rated: named as too thin, not ranked
		assertThat(report.thin()).extracting(Drivers.Thin::factor).contains("values");
		assertThat(report.fixFirst()).isNotEmpty();
		assertThat(report.rSquared()).isBetween(0.3, 1.0);
	}

	@Test
	void theSegmentChannelAndUserScopeSelectTheSameEntriesAsTheCustomersSegments() {
		InsightFixtures first = plantedConsistencyDriver(90);
		InsightFixtures second = plantedConsistencyDriver(60);
		SegmentScope both = SegmentScope.of(java.util.List.of(first.segment(), second.segment()));
		LocalDate from = today.minusDays(89);
		for (InsightFilter filter : java.util.List.of(new InsightFilter(from, today, first.segment(), null),
				new InsightFilter(from, today, second.segment(), Channel.EMAIL),
				new InsightFilter(from, today, null, null).within(both),
				new InsightFilter(from, today, null, Channel.values()[1]).within(both),
				new InsightFilter(from, today, first.segment(), Channel.values()[2]).within(both),
				new InsightFilter(from, today, second.segment(), null)
					.within(SegmentScope.of(java.util.List.of(first.segment()))))) {
			Drivers.DriverReport report = drivers.drivers(filter);
			java.util.Map<String, Object> params = new java.util.HashMap<>();
			params.put("from", java.sql.Timestamp.from(filter.start(ZONE)));
			params.put("to", java.sql.Timestamp.from(filter.end(ZONE)));
			String scope = filter.sqlScope(params);
			// the reference: the entries joined to their customers (the view leaves the
			// join out when no segment is asked for)
			java.util.Map<String, Object> expected = jdbc
				.sql("select count(*) as entries, count(rating_consistency) as consistency,"
						+ " count(*) filter (where cardinality(incident_types) > 0) as incidents"
						+ " from feedback join customer on customer.id = feedback.customer_id"
						+ " where nps is not null and received_at >= :from" + " and received_at < :to" + scope)
				.params(params)
				.query()
				.singleRow();
			assertThat(report.entries()).as(filter.toString())
				.isEqualTo(((Number) expected.get("entries")).longValue());
			if (report.enough()) {
				assertThat(report.drivers()).filteredOn(driver -> driver.factor().equals("consistency"))
					.singleElement()
					.satisfies(driver -> assertThat(driver.entries())
						.isEqualTo(((Number) expected.get("consistency")).longValue()));
				long incidents = report.drivers()
					.stream()
					.filter(driver -> driver.kind() == Drivers.Kind.INCIDENT)
					.mapToLong(Drivers.Driver::entries)
					.sum()
						+ report.thin()
							.stream()
							.filter(thin -> thin.kind() == Drivers.Kind.INCIDENT)
							.mapToLong(Drivers.Thin::entries)
							.sum();
				assertThat(incidents).isEqualTo(((Number) expected.get("incidents")).longValue());
			}
		}
		// a scope outside the user's segments sees nothing
		assertThat(drivers
			.drivers(new InsightFilter(from, today, second.segment(), null)
				.within(SegmentScope.of(java.util.List.of(first.segment()))))
			.entries()).isZero();
	}

	@Test
	void refusesThinDataAndSaysHowMuchIsNeeded() throws Exception {
		InsightFixtures fixtures = plantedConsistencyDriver(20);
		Drivers.DriverReport report = drivers
			.drivers(new InsightFilter(today.minusDays(89), today, fixtures.segment(), null));
		assertThat(report.enough()).isFalse();
		assertThat(report.entries()).isEqualTo(20);
		assertThat(report.missing()).isEqualTo(10);
		assertThat(report.drivers()).isEmpty();
		mvc.perform(get("/insights/drivers").param("segment", fixtures.segment())
			.with(user(users.user(TestUsers.STAFF)))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("needs at least 30 entries with NPS")))
			.andExpect(content().string(containsString("there are 20 (10 more needed)")));
	}

	@Test
	void theApiAndThePageGiveTheSameRankingAndReading() throws Exception {
		InsightFixtures fixtures = plantedConsistencyDriver(120);
		Drivers.DriverReport report = drivers
			.drivers(new InsightFilter(today.minusDays(89), today, fixtures.segment(), null));
		mvc.perform(get("/api/v1/insights/drivers").param("segment", fixtures.segment())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.drivers[0].factor").value("consistency"))
			.andExpect(jsonPath("$.drivers[0].kind").value("SIGNAL"))
			.andExpect(jsonPath("$.drivers[0].importance").value(report.drivers().get(0).importance()))
			.andExpect(jsonPath("$.drivers[0].entries").value(120))
			.andExpect(jsonPath("$.reading").value(containsString("のお客様にとって最も重要なのは一貫性")));
		mvc.perform(get("/insights/drivers").param("segment", fixtures.segment())
			.with(user(users.user(TestUsers.STAFF)))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(containsString("Consistency matters most to your " + fixtures.segment() + " customers")));
	}

	@Test
	void refusesBadFiltersWithALocalisedProblem() throws Exception {
		mvc.perform(get("/api/v1/insights/drivers").param("from", "2026-13-01")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.from").value("「2026-13-01」は日付ではありません。2026-06-30 のように入力してください。"));
		mvc.perform(get("/api/v1/insights/themes").param("channel", "FAX")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.channel").value("\u201CFAX\u201D is not a channel."));
		mvc.perform(get("/api/v1/insights/consistency").param("from", "2026-05-02")
			.param("to", "2026-05-01")
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.to").exists());
		mvc.perform(get("/api/v1/insights/warnings").param("segment", "x".repeat(101))
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.segment").exists());
		mvc.perform(get("/insights/themes").param("to", "yesterday")
			.with(user(users.user(TestUsers.STAFF)))
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("\u201Cyesterday\u201D is not a date")));
	}

}
