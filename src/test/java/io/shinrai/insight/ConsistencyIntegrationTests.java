package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class ConsistencyIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private Consistency consistency;

	@Autowired
	private MockMvc mvc;

	private final Instant now = Instant.now();

	private final LocalDate today = LocalDate.now(ZONE);

	private void entries(InsightFixtures fixtures, String customer, Channel channel, int count, int rating) {
		for (int i = 0; i < count; i++) {
			fixtures.add(customer, now.minus(Duration.ofDays(1 + i)).minus(Duration.ofMinutes(channel.ordinal())),
					channel, entry -> entry.rating(Signal.CONSISTENCY, rating).rating(Signal.QUALITY, rating));
		}
	}

	@Test
	void namesTheChannelOutOfLineInASegmentAndTheCustomersWhoseExperienceDiffers() throws Exception {
		InsightFixtures fixtures = new InsightFixtures(log);
		String mixed = fixtures.customer();
		String steady = fixtures.customer();
		// the segment: e-mail and chat go well, the phone does not
		for (int c = 0; c < 4; c++) {
			String customer = fixtures.customer();
			entries(fixtures, customer, Channel.EMAIL, 4, 5);
			entries(fixtures, customer, Channel.CHAT, 4, 4);
			entries(fixtures, customer, Channel.PHONE, 4, 1);
		}
		entries(fixtures, mixed, Channel.EMAIL, 4, 5);
		entries(fixtures, mixed, Channel.PHONE, 4, 1);
		entries(fixtures, steady, Channel.EMAIL, 4, 4);
		entries(fixtures, steady, Channel.CHAT, 4, 4);
		fixtures.store();

		Consistency.ConsistencyReport report = consistency
			.consistency(new InsightFilter(today.minusDays(89), today, fixtures.segment(), null));
		assertThat(report.segments()).singleElement().satisfies(segment -> {
			assertThat(segment.segment()).isEqualTo(fixtures.segment());
			assertThat(segment.outOfLine()).isEqualTo(Channel.PHONE);
			assertThat(segment.gap()).isNegative();
			assertThat(segment.spread()).isGreaterThan(Consistency.MIN_SPREAD);
			assertThat(segment.channels()).extracting(Consistency.ChannelCell::channel)
				.containsExactly(Channel.EMAIL, Channel.PHONE, Channel.CHAT);
		});
		assertThat(report.customers()).extracting(Consistency.Spread::customerRef)
			.contains(mixed)
			.doesNotContain(steady);
		assertThat(report.customers())
			.allSatisfy(customer -> assertThat(customer.outOfLine()).isEqualTo(Channel.PHONE));

		mvc.perform(get("/api/v1/insights/consistency").param("segment", fixtures.segment())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.segments[0].outOfLine").value("PHONE"))
			.andExpect(jsonPath("$.segments[0].spread").value(report.segments().get(0).spread()))
			.andExpect(jsonPath("$.customers.length()").value(report.customers().size()));
	}

	@Test
	void aSegmentWhoseChannelsAgreeIsConsistent() {
		InsightFixtures fixtures = new InsightFixtures(log);
		for (int c = 0; c < 3; c++) {
			String customer = fixtures.customer();
			entries(fixtures, customer, Channel.EMAIL, 4, 4);
			entries(fixtures, customer, Channel.PHONE, 4, 4);
		}
		fixtures.store();
		Consistency.ConsistencyReport report = consistency
			.consistency(new InsightFilter(today.minusDays(89), today, fixtures.segment(), null));
		assertThat(report.segments()).singleElement().satisfies(segment -> {
			assertThat(segment.inconsistent()).isFalse();
			assertThat(segment.spread()).isLessThan(1);
		});
		assertThat(report.customers()).isEmpty();
	}

}
