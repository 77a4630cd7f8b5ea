package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.UserAccounts;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.feedback.FeedbackStatistics;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.TrustScores;

/**
 * Turns negative feedback into recovery work, inside the transaction that stores the
 * feedback (so an entry is never stored without its case, nor a case without its entry).
 * Only entries received within the policy's risk window open or join cases: older ones
 * are history. Per customer: attach to its OPEN or ACKNOWLEDGED case, reopen its RESOLVED
 * case, or open a new one.
 * <p>
 * Built for import batches of thousands of entries: a fixed number of statements per
 * event (the trust of every newly opened case's customer is read in one statement).
 * Idempotent: an entry already attached (re-delivered event, re-import) is skipped.
 * Concurrent events for one customer meet at the unique index on its not-closed case: the
 * loser's insert does nothing and it attaches to the winner's case once that commits.
 * <p>
 * Publishes {@link RecoveryCasesOpened} for the cases it opens (one event per feedback
 * event, so an import batch gives one) and {@link RecoveryCaseStatusChanged} for each
 * case it reopens.
 */
@Component
class RecoveryCaseOpener {

	private static final Logger log = LoggerFactory.getLogger(RecoveryCaseOpener.class);

	/** The actor of audit events the system records on its own. */
	static final String SYSTEM = "system";

	private static final int MAX_ROUNDS = 5;

	private final JdbcClient jdbc;

	private final RecoveryCaseRepository cases;

	private final TrustScores trustScores;

	private final UserAccounts accounts;

	private final AuditLog audit;

	private final FeedbackStatistics feedback;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final DefaultOwners defaultOwners;

	RecoveryCaseOpener(JdbcClient jdbc, RecoveryCaseRepository cases, TrustScores trustScores, UserAccounts accounts,
			AuditLog audit, FeedbackStatistics feedback, ApplicationEventPublisher events, Clock clock,
			DefaultOwners defaultOwners) {
		this.defaultOwners = defaultOwners;
		this.clock = clock;
		this.events = events;
		this.jdbc = jdbc;
		this.feedback = feedback;
		this.cases = cases;
		this.trustScores = trustScores;
		this.accounts = accounts;
		this.audit = audit;
	}

	@EventListener
	@Transactional
	public void on(FeedbackLogged event) {
		Instant now = clock.instant();
		// history older than the risk window can no longer make a customer AT_RISK or
		// WATCH: importing years of old
		// feedback must not flood the board with cases nobody can act on
		ScoringPolicy policy = trustScores.activePolicy();
		Instant horizon = now.minus(Duration.ofDays(policy.riskWindowDays()));
		List<FeedbackLogged.Entry> negatives = event.entries()
			.stream()
			.filter(entry -> entry.negative() && !entry.receivedAt().isBefore(horizon))
			.toList();
		if (!negatives.isEmpty()) {
			attach(negatives, now, Duration.ofHours(policy.acknowledgeWithinHours()), event.importId());
		}
	}

	private void attach(List<FeedbackLogged.Entry> negatives, Instant now, Duration acknowledgeWithin, Long importId) {
		// the publisher may have written through JPA: make its rows visible to the SQL
		// below
		cases.flush();
		SortedMap<Long, List<Long>> entriesByCustomer = notYetAttached(negatives);
		if (entriesByCustomer.isEmpty()) {
			return;
		}
		Map<Long, String> loggedBy = loggedBy(entriesByCustomer);

		// an imported entry happened when it was received, not when the file was
		// imported: its case opens then, and is
		// due that long after (it may be overdue at once); entries logged one by one open
		// their case now
		Map<Long, Instant> openedAtOf = new HashMap<>();
		Map<Long, Instant> receivedAt = new HashMap<>();
		negatives.forEach(entry -> receivedAt.put(entry.feedbackId(), entry.receivedAt()));
		entriesByCustomer.forEach((customerId, entries) -> openedAtOf.put(customerId,
				importId == null ? now
						: entries.stream()
							.map(receivedAt::get)
							.filter(at -> at.isBefore(now))
							.min(Instant::compareTo)
							.orElse(now)));
		Map<Long, Long> caseOfCustomer = new HashMap<>();
		Map<Long, String> ownerOfNewCase = new HashMap<>();
		List<RecoveryCasesOpened.OpenedCase> openedCases = new ArrayList<>();
		Set<Long> pending = new TreeSet<>(entriesByCustomer.keySet());
		for (int round = 1; !pending.isEmpty(); round++) {
			if (round > MAX_ROUNDS) {
				throw new IllegalStateException("Could not find or open recovery cases for customers " + pending);
			}
			for (ActiveCase active : lockNotClosedCases(pending)) {
				if (active.status() == RecoveryStatus.RESOLVED) {
					Long firstEntry = entriesByCustomer.get(active.customerId()).get(0);
					reopen(active.id(), active.customerId(), firstEntry, loggedBy.get(firstEntry), now,
							acknowledgeWithin);
				}
				caseOfCustomer.put(active.customerId(), active.id());
				pending.remove(active.customerId());
			}
			if (!pending.isEmpty()) {
				Map<Long, Long> opened = open(pending, entriesByCustomer, loggedBy, now, openedAtOf, acknowledgeWithin,
						ownerOfNewCase);
				caseOfCustomer.putAll(opened);
				opened.forEach((customerId,
						caseId) -> openedCases.add(new RecoveryCasesOpened.OpenedCase(caseId, customerId,
								ownerOfNewCase.get(customerId), openedAtOf.get(customerId),
								RecoveryCase.dueAt(openedAtOf.get(customerId), acknowledgeWithin))));
				pending.removeAll(opened.keySet());
				// what is left lost a race with a concurrent opener whose case is
				// committed now: the next round
				// finds it
			}
		}
		cases.flush();
		insertEntries(entriesByCustomer, caseOfCustomer, now);
		if (!openedCases.isEmpty()) {
			openedCases.sort(Comparator.comparingLong(RecoveryCasesOpened.OpenedCase::caseId));
			events.publishEvent(new RecoveryCasesOpened(openedCases, importId));
		}
	}

	/**
	 * The negative entries not attached to any case yet, by customer, each list in
	 * feedback id order.
	 */
	private SortedMap<Long, List<Long>> notYetAttached(List<FeedbackLogged.Entry> negatives) {
		Long[] ids = negatives.stream().map(FeedbackLogged.Entry::feedbackId).distinct().toArray(Long[]::new);
		Set<Long> attached = new HashSet<>(
				jdbc.sql("select feedback_id from recovery_case_entry where feedback_id = any(?)")
					.param(ids)
					.query(Long.class)
					.list());
		SortedMap<Long, List<Long>> byCustomer = new TreeMap<>();
		Set<Long> seen = new HashSet<>();
		negatives.stream().sorted(Comparator.comparingLong(FeedbackLogged.Entry::feedbackId)).forEach(entry -> {
			if (!attached.contains(entry.feedbackId()) && seen.add(entry.feedbackId())) {
				byCustomer.computeIfAbsent(entry.customerId(), id -> new ArrayList<>()).add(entry.feedbackId());
			}
		});
		return byCustomer;
	}

	private Map<Long, String> loggedBy(SortedMap<Long, List<Long>> entriesByCustomer) {
		return feedback.loggedBy(entriesByCustomer.values().stream().flatMap(List::stream).toList());
	}

	/**
	 * Locks the customers' not-closed cases (in id order, so concurrent batches cannot
	 * deadlock on them).
	 */
	private List<ActiveCase> lockNotClosedCases(Set<Long> customerIds) {
		return jdbc.sql("""
				select id, customer_id, status from recovery_case
				where customer_id = any(?) and status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED')
				order by id
				for no key update
				""")
			.param(customerIds.toArray(Long[]::new))
			.query((rs, row) -> new ActiveCase(rs.getLong("id"), rs.getLong("customer_id"),
					RecoveryStatus.valueOf(rs.getString("status"))))
			.list();
	}

	private void reopen(long caseId, long customerId, long feedbackId, String loggedBy, Instant now,
			Duration acknowledgeWithin) {
		RecoveryCase recoveryCase = cases.findById(caseId).orElseThrow();
		recoveryCase.reopen(now, acknowledgeWithin);
		audit.record(SYSTEM, AuditType.RECOVERY_CASE_UPDATED, RecoveryCases.auditSubject(caseId),
				"Reopened by negative feedback " + feedbackId + " logged by " + loggedBy,
				RecoveryStatus.RESOLVED.name(), RecoveryStatus.OPEN.name());
		events.publishEvent(new RecoveryCaseStatusChanged(caseId, customerId, RecoveryStatus.RESOLVED,
				RecoveryStatus.OPEN, SYSTEM, recoveryCase.getOwner(), now));
	}

	/**
	 * Opens a case for each customer, recording its trust and status when it opens (the
	 * negative entry included). Returns the customers whose case this transaction opened;
	 * a customer missing from the result got its case from a concurrent transaction.
	 */
	private Map<Long, Long> open(Set<Long> customerIds, SortedMap<Long, List<Long>> entriesByCustomer,
			Map<Long, String> loggedBy, Instant now, Map<Long, Instant> openedAtOf, Duration acknowledgeWithin,
			Map<Long, String> ownerOf) {
		int size = customerIds.size();
		Long[] customers = new Long[size];
		// ISO instants, cast in SQL: the driver sends text arrays as they are
		String[] openedAt = new String[size];
		String[] dueAt = new String[size];
		String[] owners = new String[size];
		Double[] trusts = new Double[size];
		String[] statuses = new String[size];
		Map<Long, String> loggerOf = new HashMap<>();
		customerIds.forEach(id -> loggerOf.put(id, loggedBy.get(entriesByCustomer.get(id).get(0))));
		Map<Long, String> defaultOwner = defaultOwners.ownersFor(customerIds, loggerOf);
		Map<Long, CustomerTrust> trustOf = trustAtOpening(customerIds, openedAtOf);
		int i = 0;
		for (long customerId : customerIds) {
			CustomerTrust trust = trustOf.get(customerId);
			customers[i] = customerId;
			openedAt[i] = openedAtOf.get(customerId).toString();
			dueAt[i] = RecoveryCase.dueAt(openedAtOf.get(customerId), acknowledgeWithin).toString();
			owners[i] = defaultOwner.get(customerId);
			ownerOf.put(customerId, owners[i]);
			trusts[i] = trust.score().trust();
			statuses[i] = trust.status().name();
			i++;
		}
		Map<Long, Long> opened = new HashMap<>();
		jdbc.sql(
				"""
						insert into recovery_case (customer_id, owner, status, opened_at, acknowledge_due_at,
						                           trust_at_opening, status_at_opening)
						select t.customer_id, t.owner, 'OPEN', t.opened_at, t.due_at, t.trust, t.status
						from unnest(cast(:customers as bigint[]), cast(:owners as varchar[]), cast(:trusts as float8[]),
						            cast(:statuses as varchar[]), cast(:openedAt as timestamptz[]), cast(:dueAt as timestamptz[]))
						     as t (customer_id, owner, trust, status, opened_at, due_at)
						on conflict (customer_id) where status in ('OPEN', 'ACKNOWLEDGED', 'RESOLVED') do nothing
						returning id, customer_id
						""")
			.param("openedAt", openedAt)
			.param("dueAt", dueAt)
			.param("customers", customers)
			.param("owners", owners)
			.param("trusts", trusts)
			.param("statuses", statuses)
			.query((rs, row) -> opened.put(rs.getLong("customer_id"), rs.getLong("id")))
			.list();
		if (opened.size() < size) {
			log.debug("{} of {} recovery cases were opened concurrently by another transaction", size - opened.size(),
					size);
		}
		return opened;
	}

	/**
	 * Each customer's trust when its case opens: as of the opening instant, the negative
	 * entry included (an imported case opens when its entry was received, so its trust at
	 * opening leaves out what the customer said after that). One read per distinct
	 * opening instant: entries logged one by one all open their case now.
	 */
	private Map<Long, CustomerTrust> trustAtOpening(Set<Long> customerIds, Map<Long, Instant> openedAtOf) {
		Map<Instant, List<Long>> customersByOpening = new TreeMap<>();
		customerIds
			.forEach(id -> customersByOpening.computeIfAbsent(openedAtOf.get(id), at -> new ArrayList<>()).add(id));
		Map<Long, CustomerTrust> trustOf = new HashMap<>();
		customersByOpening.forEach((at, ids) -> trustOf.putAll(trustScores.forCustomers(ids, at)));
		return trustOf;
	}

	private void insertEntries(SortedMap<Long, List<Long>> entriesByCustomer, Map<Long, Long> caseOfCustomer,
			Instant now) {
		List<Long> feedbackIds = new ArrayList<>();
		List<Long> caseIds = new ArrayList<>();
		entriesByCustomer.forEach((customerId, entries) -> entries.forEach(feedbackId -> {
			feedbackIds.add(feedbackId);
			caseIds.add(caseOfCustomer.get(customerId));
		}));
		jdbc.sql("""
				insert into recovery_case_entry (feedback_id, case_id, attached_at)
				select t.feedback_id, t.case_id, :now
				from unnest(cast(:feedbackIds as bigint[]), cast(:caseIds as bigint[])) as t (feedback_id, case_id)
				on conflict (feedback_id) do nothing
				""")
			.param("now", Timestamp.from(now))
			.param("feedbackIds", feedbackIds.toArray(Long[]::new))
			.param("caseIds", caseIds.toArray(Long[]::new))
			.update();
	}

	private record ActiveCase(long id, long customerId, RecoveryStatus status) {
	}

}
