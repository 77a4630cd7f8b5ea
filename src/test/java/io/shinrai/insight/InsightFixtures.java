package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.shinrai.feedback.BatchResult;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stores feedback the way an import does ({@link FeedbackLog#logBatch}, so scoring's sums
 * and the term queue follow), each test under a segment of its own so it asserts on
 * exactly its data in the shared database.
 */
final class InsightFixtures {

	private final FeedbackLog log;

	private final String segment;

	private final List<NewFeedback> pending = new ArrayList<>();

	InsightFixtures(FeedbackLog log) {
		this.log = log;
		this.segment = "I-" + UUID.randomUUID().toString().substring(0, 13);
	}

	String segment() {
		return segment;
	}

	/** Another customer of the segment. */
	String customer() {
		return "I-" + UUID.randomUUID();
	}

	/** Queues an entry of {@code customer}; {@link #store()} stores the queue. */
	InsightFixtures add(String customer, Instant at, Channel channel, UnaryOperator<NewFeedback.Builder> content) {
		NewFeedback.Builder builder = NewFeedback.builder()
			.customer(customer, "Customer " + customer.substring(2, 8), segment)
			.receivedAt(at)
			.channel(channel)
			.category(Category.SERVICE)
			.source(Source.CSV)
			.loggedBy("test");
		pending.add(content.apply(builder).build());
		return this;
	}

	/**
	 * Queues a segment's entries with a planted driver: NPS follows the consistency
	 * rating (low → detractor, high → promoter); the other ratings are random; quality is
	 * rated in only half of the entries; every eighth entry is a broken promise, always
	 * with a detractor. The entries are 13 hours apart, the newest six hours before
	 * {@code now}.
	 */
	static InsightFixtures plantedConsistencyDriver(FeedbackLog log, Random random, Instant now, int entries) {
		InsightFixtures fixtures = new InsightFixtures(log);
		for (int i = 0; i < entries; i++) {
			int consistency = 1 + random.nextInt(5);
			int nps = switch (consistency) {
				case 1, 2 -> random.nextInt(5);
				case 3 -> 7 + random.nextInt(2);
				default -> 9 + random.nextInt(2);
			};
			boolean broken = i % 8 == 0;
			boolean rateQuality = i % 2 == 0;
			fixtures.add(fixtures.customer(), now.minus(Duration.ofHours(6 + 13L * i)), Channel.values()[i % 3],
					entry -> {
						entry.rating(Signal.CONSISTENCY, consistency)
							.rating(Signal.TRANSPARENCY, 1 + random.nextInt(5))
							.rating(Signal.COMMUNICATION, 1 + random.nextInt(5))
							.nps(broken ? random.nextInt(3) : nps);
						if (rateQuality) {
							entry.rating(Signal.QUALITY, 1 + random.nextInt(5));
						}
						if (broken) {
							entry.incident(IncidentType.BROKEN_PROMISE, null);
						}
						return entry;
					});
		}
		return fixtures;
	}

	void store() {
		BatchResult result = log.logBatch(List.copyOf(pending));
		assertThat(result.rejected()).as("fixture entries rejected").isEmpty();
		pending.clear();
	}

}
