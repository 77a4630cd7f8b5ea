package io.shinrai;

import java.time.Instant;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

/**
 * Test data stored the way the application stores it: customers through {@link CustomerDirectory}, feedback through
 * {@link FeedbackLog} (its rules, its negative flag, its event, so scoring's sums and recovery follow). Each set can
 * live in a segment of its own so tests assert on exactly their data.
 */
@TestComponent
public class TestFeedback {

	private final FeedbackLog log;

	private final CustomerDirectory customers;

	TestFeedback(FeedbackLog log, CustomerDirectory customers) {
		this.log = log;
		this.customers = customers;
	}

	/** A segment no other test uses. */
	public static String uniqueSegment() {
		return "T-" + UUID.randomUUID();
	}

	/** A new customer with a unique reference. */
	public long customer(String segment, String name) {
		return customers.findOrCreate("T-" + UUID.randomUUID(), name, segment).getId();
	}

	public Entry entry(long customerId, Instant at) {
		return new Entry(customerId, at);
	}

	/** One entry to store; nothing is stored before {@link #save()}. */
	public final class Entry {

		private final long customerId;

		private final NewFeedback.Builder feedback = NewFeedback.builder()
			.channel(Channel.EMAIL)
			.category(Category.SERVICE)
			.source(Source.FORM)
			.loggedBy("test");

		Entry(long customerId, Instant at) {
			this.customerId = customerId;
			feedback.receivedAt(at);
		}

		public Entry channel(Channel channel) {
			feedback.channel(channel);
			return this;
		}

		public Entry rating(Signal signal, int rating) {
			feedback.rating(signal, rating);
			return this;
		}

		public Entry nps(int nps) {
			feedback.nps(nps);
			return this;
		}

		public Entry csat(int csat) {
			feedback.csat(csat);
			return this;
		}

		public Entry ces(int ces) {
			feedback.ces(ces);
			return this;
		}

		public Entry incident(String type) {
			feedback.incident(IncidentType.valueOf(type), null);
			return this;
		}

		public Entry loggedBy(String user) {
			feedback.loggedBy(user);
			return this;
		}

		/** Stores the entry through {@link FeedbackLog#log}, in its own transaction, as the form does. */
		public long save() {
			String reference = customers.get(customerId).getReference();
			return log.log(feedback.customer(reference, null, null).build()).id();
		}

	}

}
