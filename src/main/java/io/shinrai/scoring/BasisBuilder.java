package io.shinrai.scoring;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.system.AdvisoryLocks;
import io.shinrai.system.BusinessTime;

/**
 * Keeps a READY basis for the active policy: creates a basis when an activation changes
 * the half-life or the severities (or when the business time zone changed, or the
 * landmark grew too old) and fills it in the background from the feedback, a slice of
 * customers or days per short transaction, recording progress in its row. While it runs
 * the previous basis keeps serving the previous version; the last step switches
 * atomically.
 * <p>
 * Consistency with feedback stored meanwhile: storing feedback adds to every live basis
 * (BUILDING too) under a shared advisory lock; each slice here holds that lock alone and
 * recomputes its customers or days from the rows as committed, so whatever was stored
 * before a slice is inside it and whatever is stored after is added on top. Several
 * application instances coordinate through the row: one claims the build and keeps a
 * heartbeat; another takes over when the heartbeat is older than {@link #STALE}.
 */
@Component
class BasisBuilder implements SmartInitializingSingleton {

	static final long POLICY_LOCK = AdvisoryLocks.SCORING_POLICY;

	private static final Logger log = LoggerFactory.getLogger(BasisBuilder.class);

	private static final Duration STALE = Duration.ofMinutes(2);

	/**
	 * A landmark further than this many half-lives from now is replaced by a rebuild,
	 * long before precision suffers.
	 */
	private static final double LANDMARK_REBASE_HALF_LIVES = 500;

	private static final int CUSTOMER_SLICE_ENTRIES = 50_000;

	private static final int DAY_SLICE_DAYS = 45;

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final TaskExecutor executor;

	private final PolicyStore policies;

	private final ZoneId zone;

	private final String worker = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private volatile boolean stopping;

	/**
	 * Builds running in this instance, so that start-up and an activation never start the
	 * same one twice.
	 */
	private final Set<Long> running = ConcurrentHashMap.newKeySet();

	private final Clock clock;

	private final MeterRegistry meters;

	BasisBuilder(JdbcClient jdbc, PlatformTransactionManager transactions,
			@Qualifier("applicationTaskExecutor") TaskExecutor executor, PolicyStore policies,
			BusinessTime businessTime, Clock clock, MeterRegistry meters) {
		this.clock = clock;
		this.meters = meters;
		this.jdbc = jdbc;
		this.tx = new TransactionTemplate(transactions);
		this.executor = executor;
		this.policies = policies;
		this.zone = businessTime.zone();
	}

	/**
	 * At start-up: make sure the active policy has a fitting basis, and resume builds
	 * nobody is running.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		tx.executeWithoutResult(status -> {
			lockPolicies();
			ensureFor(policies.active());
		});
		purgeObsolete();
		jdbc.sql("select id from scoring_basis where state = 'BUILDING' order by id")
			.query(Long.class)
			.list()
			.forEach(this::startInBackground);
	}

	/**
	 * Closing starts before the executor waits for its tasks: a build stops at its next
	 * slice and resumes later.
	 */
	@EventListener(ContextClosedEvent.class)
	void stop() {
		stopping = true;
	}

	void lockPolicies() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(POLICY_LOCK).query((rs, row) -> 1).single();
	}

	/**
	 * Makes sure a basis serves (or is being built for) {@code version}: reuses a fitting
	 * READY or BUILDING one, or creates one and starts building it once the current
	 * transaction commits. Bases being built for other policies are abandoned. The caller
	 * holds the policy lock.
	 */
	void ensureFor(PolicyVersion version) {
		ScoringPolicy policy = version.policy();
		String severities = PolicyJson.severities(policy.severities());
		Instant now = clock.instant();
		Optional<Long> ready = jdbc.sql("""
				select id from scoring_basis
				where state = 'READY' and half_life_days = :halfLife and severities = cast(:severities as jsonb)
				  and time_zone = :zone
				  and abs(extract(epoch from (:now - landmark))) / 86400 / half_life_days <= :rebase
				""")
			.param("halfLife", policy.halfLifeDays())
			.param("severities", severities)
			.param("zone", zone.getId())
			.param("now", Timestamp.from(now))
			.param("rebase", LANDMARK_REBASE_HALF_LIVES)
			.query(Long.class)
			.optional();
		Optional<Long> building = ready.isPresent() ? Optional.empty() : jdbc.sql("""
				select id from scoring_basis
				where state = 'BUILDING' and half_life_days = :halfLife and severities = cast(:severities as jsonb)
				  and (time_zone is null or time_zone = :zone)
				order by id desc limit 1
				""")
			.param("halfLife", policy.halfLifeDays())
			.param("severities", severities)
			.param("zone", zone.getId())
			.query(Long.class)
			.optional();
		long keep = ready.or(() -> building).orElse(-1L);
		jdbc.sql(
				"update scoring_basis set state = 'ABANDONED', finished_at = now() where state = 'BUILDING' and id <> ?")
			.param(keep)
			.update();
		if (ready.isPresent()) {
			return;
		}
		long id = building.orElseGet(() -> create(policy, version.version(), now));
		startAfterCommit(id);
	}

	private long create(ScoringPolicy policy, int version, Instant now) {
		long id = jdbc.sql("""
				insert into scoring_basis (half_life_days, severities, incident_weights, landmark, time_zone, state,
				    requested_for)
				values (:halfLife, cast(:severities as jsonb), cast(:weights as jsonb), :landmark, :zone, 'BUILDING',
				    :version)
				returning id
				""")
			.param("halfLife", policy.halfLifeDays())
			.param("severities", PolicyJson.severities(policy.severities()))
			.param("weights", PolicyJson.incidentWeights(policy.severities()))
			.param("landmark", Timestamp.from(now.truncatedTo(ChronoUnit.DAYS)))
			.param("zone", zone.getId())
			.param("version", version)
			.query(Long.class)
			.single();
		log.info("Recomputing trust sums for policy version {} (half-life {} days) as basis {}", version,
				policy.halfLifeDays(), id);
		return id;
	}

	private void startAfterCommit(long id) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					startInBackground(id);
				}
			});
		}
		else {
			startInBackground(id);
		}
	}

	void startInBackground(long id) {
		if (running.add(id)) {
			executor.execute(() -> {
				try {
					build(id);
				}
				finally {
					running.remove(id);
				}
			});
		}
	}

	/**
	 * Builds basis {@code id} unless another instance is doing it; returns whether this
	 * call finished it. Its duration is the timer
	 * {@code shinrai.scoring.recomputation{outcome=finished|unfinished}} (unfinished:
	 * abandoned for a later policy, stopped by shutdown or failed; it resumes later).
	 */
	boolean build(long id) {
		if (!claim(id)) {
			return false;
		}
		Timer.Sample sample = Timer.start(meters);
		boolean finished = false;
		try {
			finished = rebuild(id);
			return finished;
		}
		finally {
			sample.stop(Timer.builder("shinrai.scoring.recomputation")
				.description("Recomputations of the trust sums for a new policy basis")
				.tag("outcome", finished ? "finished" : "unfinished")
				.register(meters));
		}
	}

	private boolean rebuild(long id) {
		try {
			purgeObsolete();
			ZoneId basisZone = ZoneId.of(jdbc.sql("select time_zone from scoring_basis where id = ?")
				.param(id)
				.query(String.class)
				.single());
			long total = 2 * jdbc.sql("select count(*) from feedback").query(Long.class).single();
			jdbc.sql("update scoring_basis set done = 0, total = ? where id = ?").param(total).param(id).update();

			long from = 0;
			while (true) {
				Long last = nextCustomerSlice(from);
				long fromId = from + 1;
				long toId = (last == null) ? Long.MAX_VALUE : last;
				if (!slice(id,
						() -> jdbc.sql("select scoring_rebuild_customers(?, ?, ?)")
							.param(id)
							.param(fromId)
							.param(toId)
							.query(Long.class)
							.single())) {
					return false;
				}
				if (last == null) {
					break;
				}
				from = last;
			}
			LocalDate day = nextDay(basisZone, null);
			while (day != null) {
				String[] days = day.datesUntil(day.plusDays(DAY_SLICE_DAYS))
					.map(LocalDate::toString)
					.toArray(String[]::new);
				if (!slice(id,
						() -> jdbc.sql("select scoring_rebuild_days(?, cast(? as date[]), null)")
							.param(id)
							.param(days)
							.query(Long.class)
							.single())) {
					return false;
				}
				day = nextDay(basisZone, day.plusDays(DAY_SLICE_DAYS));
			}
			return finish(id);
		}
		catch (RuntimeException ex) {
			if (stopping) {
				log.info("Recomputation of basis {} interrupted by shutdown; it resumes at the next start", id);
			}
			else {
				log.error("Recomputation of basis {} failed; it is retried at the next start", id, ex);
			}
			try {
				jdbc.sql("update scoring_basis set worker = null, failure = ? where id = ?")
					.param(String.valueOf(ex.getMessage())
						.substring(0, Math.min(2000, String.valueOf(ex.getMessage()).length())))
					.param(id)
					.update();
			}
			catch (RuntimeException ignored) {
				// the database is going away as well; the stale heartbeat lets the next
				// start take over
			}
			return false;
		}
	}

	private boolean claim(long id) {
		return jdbc.sql("""
				update scoring_basis
				set worker = :worker, heartbeat_at = now(), started_at = now(),
				    time_zone = coalesce(time_zone, :zone), failure = null
				where id = :id and state = 'BUILDING'
				  and (worker is null or worker = :worker or heartbeat_at < now() - cast(:stale as interval))
				""")
			.param("worker", worker)
			.param("zone", zone.getId())
			.param("id", id)
			.param("stale", STALE.toSeconds() + " seconds")
			.update() == 1;
	}

	/**
	 * One short transaction holding the sums lock alone: stops (and abandons the basis)
	 * when it is no longer wanted, otherwise does the work and records progress. Returns
	 * whether to go on.
	 */
	private boolean slice(long id, LongSupplier work) {
		if (stopping) {
			jdbc.sql("update scoring_basis set worker = null where id = ? and worker = ?")
				.param(id)
				.param(worker)
				.update();
			throw new IllegalStateException("application stopping");
		}
		Boolean goOn = tx.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(ScoringSql.SUMS_LOCK).query((rs, row) -> 1).single();
			if (!wanted(id)) {
				abandon(id);
				return false;
			}
			long entries = work.getAsLong();
			jdbc.sql("update scoring_basis set done = done + ?, heartbeat_at = now() where id = ?")
				.param(entries)
				.param(id)
				.update();
			return true;
		});
		return Boolean.TRUE.equals(goOn);
	}

	/**
	 * The last customer id of the next slice of about {@link #CUSTOMER_SLICE_ENTRIES}
	 * entries, or null at the end.
	 */
	private Long nextCustomerSlice(long after) {
		return jdbc.sql("""
				select max(customer_id) from (
				    select customer_id from feedback where customer_id > ? order by customer_id limit ?) slice
				""").param(after).param(CUSTOMER_SLICE_ENTRIES).query(Long.class).optional().orElse(null);
	}

	/**
	 * The first day (in the basis' zone) from {@code from} on that has feedback, or null.
	 */
	private LocalDate nextDay(ZoneId basisZone, LocalDate from) {
		return jdbc.sql("""
				select (min(received_at) at time zone :zone)::date from feedback
				where received_at >= coalesce((cast(:from as date)::timestamp at time zone :zone), '-infinity')
				""")
			.param("zone", basisZone.getId())
			.param("from", from == null ? null : from.toString())
			.query(LocalDate.class)
			.optional()
			.orElse(null);
	}

	/** The basis is still needed: it matches the active version and was not abandoned. */
	private boolean wanted(long id) {
		return jdbc.sql("""
				select exists (select 1 from scoring_basis b
				    join scoring_policy p on p.active and p.half_life_days = b.half_life_days
				        and p.severities = b.severities
				    where b.id = ? and b.state = 'BUILDING')
				""").param(id).query(Boolean.class).single();
	}

	private void abandon(long id) {
		if (jdbc.sql(
				"update scoring_basis set state = 'ABANDONED', finished_at = now(), worker = null where id = ? and state = 'BUILDING'")
			.param(id)
			.update() == 1) {
			log.info("Recomputation of basis {} abandoned: a later activation does not need it", id);
		}
	}

	/**
	 * The switch: this basis serves from now on, the previous one retires; all in one
	 * transaction.
	 */
	private boolean finish(long id) {
		Boolean finished = tx.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(?)").param(ScoringSql.SUMS_LOCK).query((rs, row) -> 1).single();
			if (!wanted(id)) {
				abandon(id);
				return false;
			}
			jdbc.sql("update scoring_basis set state = 'RETIRED', retired_at = now() where state = 'READY'").update();
			jdbc.sql(
					"""
							update scoring_basis set state = 'READY', finished_at = now(), worker = null, total = greatest(total, done)
							where id = ?
							""")
				.param(id)
				.update();
			return true;
		});
		if (Boolean.TRUE.equals(finished)) {
			log.info("Trust sums of basis {} are complete and now serve", id);
		}
		return Boolean.TRUE.equals(finished);
	}

	/**
	 * Deletes the sums of bases retired or abandoned more than a minute ago: not at the
	 * switch itself, so that a page that read the previous basis a moment before the
	 * switch still finds its rows. Runs every minute (on every instance; deleting twice
	 * does no harm) and when a build starts.
	 */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	void purgeObsolete() {
		List<Long> obsolete = jdbc.sql("""
				select id from scoring_basis b where state in ('RETIRED', 'ABANDONED')
				  and coalesce(b.retired_at, b.finished_at, b.requested_at) < now() - interval '1 minute'
				  and (exists (select 1 from customer_trust_sums s where s.basis_id = b.id)
				       or exists (select 1 from trust_daily_sums s where s.basis_id = b.id)
				       or exists (select 1 from trust_daily_totals s where s.basis_id = b.id)
				       or exists (select 1 from trust_monthly_sums s where s.basis_id = b.id))
				""").query(Long.class).list();
		for (long id : obsolete) {
			jdbc.sql("delete from customer_trust_sums where basis_id = ?").param(id).update();
			jdbc.sql("delete from trust_daily_sums where basis_id = ?").param(id).update();
			jdbc.sql("delete from trust_daily_totals where basis_id = ?").param(id).update();
			jdbc.sql("delete from trust_monthly_sums where basis_id = ?").param(id).update();
		}
	}

	/** The newest basis an activation asked for, as the admin page shows it. */
	Optional<RecomputationStatus> latestStatus() {
		return jdbc.sql("""
				select * from scoring_basis order by id desc limit 1
				""").query((rs, row) -> {
			RecomputationStatus.State state = switch (rs.getString("state")) {
				case "BUILDING" -> RecomputationStatus.State.RUNNING;
				case "ABANDONED" -> RecomputationStatus.State.SUPERSEDED;
				default -> RecomputationStatus.State.FINISHED;
			};
			return new RecomputationStatus(rs.getInt("requested_for"), state, rs.getLong("done"), rs.getLong("total"),
					instant(rs.getTimestamp("requested_at")), instant(rs.getTimestamp("started_at")),
					instant(rs.getTimestamp("finished_at")), rs.getString("failure"));
		}).optional();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
