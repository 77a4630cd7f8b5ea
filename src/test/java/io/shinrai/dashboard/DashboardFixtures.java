package io.shinrai.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.Negativity;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes customers and feedback into the shared test database the way feedback capture does (rows in feedback and
 * feedback_incident, then {@link FeedbackLogged} published inside the storing transaction, so scoring's sums and
 * recovery follow), each set under its own segment so tests can assert on exactly their data.
 */
final class DashboardFixtures {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final ApplicationEventPublisher events;

	DashboardFixtures(JdbcClient jdbc, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.events = events;
	}

	static String uniqueSegment() {
		return "T-" + UUID.randomUUID();
	}

	long customer(String segment, String name) {
		return jdbc.sql("insert into customer (reference, name, segment) values (?, ?, ?) returning id")
			.params("T-" + UUID.randomUUID(), name, segment)
			.query(Long.class)
			.single();
	}

	Entry entry(long customerId, Instant at) {
		return new Entry(customerId, at);
	}

	final class Entry {

		private final long customerId;

		private final Instant at;

		private Channel channel = Channel.EMAIL;

		private final Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);

		private Integer nps;

		private Integer csat;

		private Integer ces;

		private final List<String> incidents = new ArrayList<>();

		Entry(long customerId, Instant at) {
			this.customerId = customerId;
			this.at = at;
		}

		Entry channel(Channel channel) {
			this.channel = channel;
			return this;
		}

		Entry rating(Signal signal, int rating) {
			ratings.put(signal, rating);
			return this;
		}

		Entry nps(int nps) {
			this.nps = nps;
			return this;
		}

		Entry csat(int csat) {
			this.csat = csat;
			return this;
		}

		Entry ces(int ces) {
			this.ces = ces;
			return this;
		}

		Entry incident(String type) {
			incidents.add(type);
			return this;
		}

		/** Stores the entry in its own transaction and publishes {@link FeedbackLogged} in it, as the form does. */
		long save() {
			return tx.execute(status -> {
				boolean negative = Negativity.isNegative(ratings.values(), incidents.size(), nps, csat, ces);
				long id = insert(negative);
				for (String type : incidents) {
					jdbc.sql("insert into feedback_incident (feedback_id, type) values (?, ?)")
						.param(id)
						.param(type)
						.update();
				}
				events.publishEvent(
						FeedbackLogged.of(new FeedbackLogged.Entry(id, customerId, at, negative, Source.FORM)));
				return id;
			});
		}

		private long insert(boolean negative) {
			return jdbc.sql("""
					insert into feedback (customer_id, received_at, channel, category, rating_transparency,
					  rating_consistency, rating_communication, rating_quality, rating_values, nps, csat, ces,
					  incident_types, negative, source, logged_by)
					values (:customer, :at, :channel, 'SERVICE', :t, :c, :m, :q, :v, :nps, :csat, :ces,
					  cast(:incidents as varchar[]), :negative, 'FORM', 'test')
					returning id
					""")
				.param("customer", customerId)
				.param("at", Timestamp.from(at))
				.param("channel", channel.name())
				.param("t", ratings.get(Signal.TRANSPARENCY))
				.param("c", ratings.get(Signal.CONSISTENCY))
				.param("m", ratings.get(Signal.COMMUNICATION))
				.param("q", ratings.get(Signal.QUALITY))
				.param("v", ratings.get(Signal.VALUES))
				.param("nps", nps)
				.param("csat", csat)
				.param("ces", ces)
				.param("incidents", "{" + String.join(",", incidents) + "}")
				.param("negative", negative)
				.query(Long.class)
				.single();
		}

	}

}
