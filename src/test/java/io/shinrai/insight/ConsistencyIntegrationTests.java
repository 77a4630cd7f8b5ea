package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.ChannelTrust;
import io.shinrai.scoring.TrustScores;

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

	@Autowired
	private TrustScores trustScores;

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

	/**
	 * A period of whole days reads the segments' channel sums from the daily sums, any
	 * other period from the rows; customers' channels are first counted, then only theirs
	 * added up: both give what adding up every entry gives.
	 */
	@Test
	void theDailySumsAndTheCountedChannelsGiveWhatEveryEntryGives() {
		InsightFixtures fixtures = new InsightFixtures(log);
		for (int c = 0; c < 5; c++) {
			String customer = fixtures.customer();
			entries(fixtures, customer, Channel.EMAIL, 3 + c, 1 + c);
			entries(fixtures, customer, Channel.PHONE, 2 + c % 3, 5 - c);
			entries(fixtures, customer, Channel.CHAT, 1, 3);
		}
		fixtures.store();
		InsightFilter filter = new InsightFilter(today.minusDays(89), today, fixtures.segment(), null);
		Instant from = filter.start(ZONE);
		Instant to = filter.end(ZONE);

		List<ChannelTrust> wholeDays = trustScores.channelTrust(from, to, fixtures.segment(), false, 1);
		// a second more at both ends, when no entry was received: the same entries, read
		// from the rows
		List<ChannelTrust> rows = trustScores.channelTrust(from.minusSeconds(1), to.plusSeconds(1), fixtures.segment(),
				false, 1);
		assertThat(wholeDays).hasSize(3);
		assertSameTrust(wholeDays, rows);

		List<ChannelTrust> counted = trustScores.channelTrust(from, to, fixtures.segment(), true, 3);
		List<ChannelTrust> everyEntry = trustScores.channelTrust(from, to, fixtures.segment(), true, 1)
			.stream()
			.filter(cell -> cell.entries() >= 3)
			.toList();
		assertThat(counted).hasSizeGreaterThanOrEqualTo(5);
		assertSameTrust(counted, everyEntry);
	}

	private static void assertSameTrust(List<ChannelTrust> actual, List<ChannelTrust> expected) {
		java.util.Comparator<ChannelTrust> order = java.util.Comparator
			.comparing((ChannelTrust cell) -> cell.customerId() == null ? 0L : cell.customerId())
			.thenComparing(ChannelTrust::channel);
		List<ChannelTrust> a = actual.stream().sorted(order).toList();
		List<ChannelTrust> e = expected.stream().sorted(order).toList();
		assertThat(a).hasSameSizeAs(e);
		for (int i = 0; i < a.size(); i++) {
			assertThat(a.get(i).customerId()).isEqualTo(e.get(i).customerId());
			assertThat(a.get(i).segment()).isEqualTo(e.get(i).segment());
			assertThat(a.get(i).channel()).isEqualTo(e.get(i).channel());
			assertThat(a.get(i).entries()).isEqualTo(e.get(i).entries());
			// the same contributions, added up in another order (the daily sums as they
			// were stored)
			assertThat(a.get(i).score().trust()).isCloseTo(e.get(i).score().trust(),
					org.assertj.core.data.Offset.offset(1e-6));
		}
	}

}
