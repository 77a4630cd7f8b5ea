package io.shinrai.scoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.feedback.Channel;

/**
 * The scheduled trust watch: publishes {@link TrustDropped} when the company's, a
 * segment's or a channel's trust fell by at least
 * {@code shinrai.scoring.trust-drop.points} over the last seven days, once per scope and
 * drop (the scope's row in {@code trust_drop_alert} is removed when its drop is under the
 * threshold again, re-arming it); and reviews the customers that are not OK, whose status
 * time alone can change. Several instances: a ShedLock lock.
 */
@Service
public class TrustWatch {

	static final String LOCK_NAME = "scoring-trust-watch";

	private static final Logger log = LoggerFactory.getLogger(TrustWatch.class);

	private static final Duration WINDOW = Duration.ofDays(7);

	private final TrustScores trustScores;

	private final CustomerStatusWatch statuses;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final double thresholdPoints;

	private final Clock clock;

	TrustWatch(TrustScores trustScores, CustomerStatusWatch statuses, JdbcClient jdbc, ApplicationEventPublisher events,
			PlatformTransactionManager transactionManager, ScoringProperties properties, Clock clock) {
		this.trustScores = trustScores;
		this.statuses = statuses;
		this.jdbc = jdbc;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.thresholdPoints = properties.trustDrop().points();
		this.clock = clock;
	}

	@Scheduled(cron = "${shinrai.scoring.trust-watch.cron}")
	@SchedulerLock(name = LOCK_NAME, lockAtMostFor = "PT30M",
			lockAtLeastFor = "${shinrai.scoring.trust-watch.lock-at-least-for}")
	public void scheduledRun() {
		LockAssert.assertLocked();
		run(clock.instant());
	}

	/**
	 * One run as of {@code now}: the drops of every scope, then the statuses (callable
	 * directly, e.g. by tests).
	 */
	public List<TrustDropped> run(Instant now) {
		List<TrustDropped> announced = checkDrops(now);
		transactions.executeWithoutResult(status -> statuses.check(statuses.notOk(), null, now));
		return announced;
	}

	/**
	 * Checks every scope with data and announces the new drops, each in a transaction
	 * with its alert row.
	 */
	public List<TrustDropped> checkDrops(Instant now) {
		List<Scope> scopes = new ArrayList<>();
		scopes.add(Scope.company());
		trustScores.breakdown(Scope.company(), now)
			.bySegment()
			.keySet()
			.forEach(segment -> scopes.add(new Scope(segment, null)));
		for (Channel channel : Channel.values()) {
			scopes.add(new Scope(null, channel));
		}
		Set<String> alerted = new HashSet<>(
				jdbc.sql("select scope_key from trust_drop_alert").query(String.class).list());
		List<TrustDropped> announced = new ArrayList<>();
		for (Scope scope : scopes) {
			List<ScopeTrust> trend = trustScores.history(scope, List.of(now.minus(WINDOW), now));
			Double before = trend.get(0).score().trust();
			Double after = trend.get(1).score().trust();
			String key = TrustDropped.key(scope);
			boolean dropped = before != null && after != null && before - after >= thresholdPoints;
			if (dropped && !alerted.contains(key)) {
				TrustDropped drop = new TrustDropped(scope.segment(), scope.channel(), before, after, thresholdPoints,
						now);
				Boolean inserted = transactions.execute(status -> {
					int rows = jdbc.sql("""
							insert into trust_drop_alert (scope_key, alerted_at, trust_before, trust_after)
							values (?, ?, ?, ?) on conflict (scope_key) do nothing
							""").params(key, Timestamp.from(now), before, after).update();
					if (rows == 1) {
						events.publishEvent(drop);
					}
					return rows == 1;
				});
				if (Boolean.TRUE.equals(inserted)) {
					announced.add(drop);
					log.info("Trust of {} dropped from {} to {} over the last 7 days", key, before, after);
				}
			}
			else if (!dropped && alerted.contains(key)) {
				jdbc.sql("delete from trust_drop_alert where scope_key = ?").param(key).update();
			}
		}
		return announced;
	}

}
