package io.shinrai.insight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.shinrai.feedback.BatchResult;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.NewFeedback;
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

	void store() {
		BatchResult result = log.logBatch(List.copyOf(pending));
		assertThat(result.rejected()).as("fixture entries rejected").isEmpty();
		pending.clear();
	}

}
