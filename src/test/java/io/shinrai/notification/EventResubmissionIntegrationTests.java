package io.shinrai.notification;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.shinrai.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publication whose listener failed stays in the event publication registry and is
 * handed over again by the resubmission job: with start-up republishing off (several
 * instances), this job is what delivers what a failed listener or a crashed instance
 * left.
 */
@IntegrationTest
@Import(EventResubmissionIntegrationTests.FailingOnce.class)
@TestPropertySource(properties = "shinrai.notifications.resubmit-older-than=PT1S")
class EventResubmissionIntegrationTests {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private FailingOnce listener;

	@Autowired
	private EventResubmission resubmission;

	@Test
	void aPublicationWhoseListenerFailedIsDeliveredByTheResubmissionJob() {
		this.transactions.executeWithoutResult((status) -> this.events.publishEvent(new Ping("resubmission")));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.listener.attempts() == 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> waitingPings() == 1);
		assertThat(this.listener.delivered()).isZero();

		// the job hands over only publications older than the setting (one second here)
		await().atMost(Duration.ofSeconds(20)).until(() -> oldestPingAgeMillis() > 1500);
		this.resubmission.resubmit();

		await().atMost(Duration.ofSeconds(20)).until(() -> this.listener.delivered() == 1);
		await().atMost(Duration.ofSeconds(20)).until(() -> waitingPings() == 0);
		assertThat(this.listener.attempts()).isEqualTo(2);
	}

	private long waitingPings() {
		return this.jdbc.sql("select count(*) from event_publication where event_type like '%Ping'")
			.query(Long.class)
			.single();
	}

	private long oldestPingAgeMillis() {
		return this.jdbc.sql("""
				select coalesce(max(extract(epoch from (now() - publication_date)) * 1000), 0)::bigint
				from event_publication where event_type like '%Ping'
				""").query(Long.class).single();
	}

	record Ping(String text) {
	}

	/**
	 * Proxied (the listener runs asynchronously in a transaction): read through methods,
	 * not fields.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class FailingOnce {

		private final AtomicInteger attempts = new AtomicInteger();

		private final AtomicInteger delivered = new AtomicInteger();

		int attempts() {
			return this.attempts.get();
		}

		int delivered() {
			return this.delivered.get();
		}

		@ApplicationModuleListener
		void on(Ping ping) {
			if (this.attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("first delivery fails on purpose");
			}
			this.delivered.incrementAndGet();
		}

	}

}
