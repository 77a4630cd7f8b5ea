package io.shinrai;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.BatchResult;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

/**
 * Test data stored the way the application stores it: customers through
 * {@link CustomerDirectory}, feedback through {@link FeedbackLog} (its rules, its
 * negative flag, its event, so scoring's sums and recovery follow). Each set can live in
 * a segment of its own so tests assert on exactly their data.
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
		return customer("T-" + UUID.randomUUID(), name, segment);
	}

	/** The customer with this reference, created when there is none. */
	public long customer(String reference, String name, String segment) {
		return customers.findOrCreate(reference, name, segment).getId();
	}

	/** Moves the customer to another segment, as the customer form does. */
	public void moveToSegment(long customerId, String segment) {
		Customer customer = customers.get(customerId);
		customers.update(customerId, new CustomerDetails(customer.getReference(), customer.getName(), segment,
				customer.getEmail(), customer.getLanguage()), customer.getVersion(), "test");
	}

	/**
	 * Replaces entry {@code id} by {@code entry} through {@link FeedbackLog#correct}, as
	 * the correction form does.
	 */
	public void correct(long id, Entry entry) {
		long version = log.get(id).version();
		log.correct(id, entry.feedback.build(), version, "test");
	}

	/** The customer's reference, as entries name their customer. */
	public String reference(long customerId) {
		return customers.get(customerId).getReference();
	}

	public Entry entry(long customerId, Instant at) {
		return new Entry(customerId, at);
	}

	/**
	 * Stores the entries as one import batch through {@link FeedbackLog#logBatch} (one
	 * transaction, one event); each gets an external id of its own, so that equal entries
	 * are not skipped as repeated rows.
	 * @return the ids of the stored entries, in order
	 */
	public List<Long> saveBatch(List<Entry> entries) {
		List<NewFeedback> batch = entries.stream()
			.map(entry -> entry.feedback.externalId("T-" + UUID.randomUUID()).build())
			.toList();
		BatchResult result = log.logBatch(batch);
		if (result.stored().size() != batch.size()) {
			throw new IllegalStateException("not every entry was stored: " + result.rejected());
		}
		return result.stored().stream().map(FeedbackLogged.Entry::feedbackId).toList();
	}

	/** One entry to store; nothing is stored before {@link #save()}. */
	public final class Entry {

		private final NewFeedback.Builder feedback = NewFeedback.builder()
			.channel(Channel.EMAIL)
			.category(Category.SERVICE)
			.source(Source.FORM)
			.loggedBy("test");

		Entry(long customerId, Instant at) {
			feedback.receivedAt(at).customer(reference(customerId), null, null);
		}

		public Entry source(Source source) {
			feedback.source(source);
			return this;
		}

		public Entry channel(Channel channel) {
			feedback.channel(channel);
			return this;
		}

		public Entry category(Category category) {
			feedback.category(category);
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
			return incident(IncidentType.valueOf(type));
		}

		public Entry incident(IncidentType type) {
			feedback.incident(type, null);
			return this;
		}

		public Entry comment(String comment) {
			feedback.comment(comment);
			return this;
		}

		public Entry loggedBy(String user) {
			feedback.loggedBy(user);
			return this;
		}

		/**
		 * Stores the entry through {@link FeedbackLog#log}, in its own transaction, as
		 * the form does.
		 */
		public long save() {
			return log.log(feedback.build()).id();
		}

	}

}
