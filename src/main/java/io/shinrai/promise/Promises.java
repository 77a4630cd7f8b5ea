package io.shinrai.promise;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.Role;
import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.FeedbackRules;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * The ledger of promises made to customers. A promise is broken exactly once, by its
 * owner or a manager marking it, or by the broken-promise job once it is past its due
 * time and still open; that moment logs one BROKEN_PROMISE incident entry (source SYSTEM)
 * through {@link FeedbackLog}, so it opens or joins a case and counts in the scores like
 * any incident. "Exactly once" holds with any number of instances: the promise row is
 * claimed with {@code update … where status = 'OPEN' returning …} in the transaction that
 * stores the entry, so a concurrent second claim waits for the first and then finds
 * nothing to claim (and the entry's external id {@code promise-<id>} is unique besides).
 */
@Service
@Transactional
public class Promises {

	public static final int MAX_DESCRIPTION = 500;

	/**
	 * Who "logged" a generated entry: not a user name (user names cannot hold
	 * parentheses).
	 */
	static final String LOGGED_BY = "(system)";

	static final int LIST_LIMIT = 200;

	private static final DateTimeFormatter DUE_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

	private final JdbcClient jdbc;

	private final CustomerDirectory customers;

	private final RecoveryCases cases;

	private final UserAccounts accounts;

	private final FeedbackLog feedback;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final Duration dueSoon;

	private final ZoneId zone;

	private final Clock clock;

	Promises(JdbcClient jdbc, CustomerDirectory customers, RecoveryCases cases, UserAccounts accounts,
			FeedbackLog feedback, AuditLog audit, ApplicationEventPublisher events, PromiseProperties properties,
			BusinessTime businessTime, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.customers = customers;
		this.cases = cases;
		this.accounts = accounts;
		this.feedback = feedback;
		this.audit = audit;
		this.events = events;
		this.dueSoon = properties.dueSoon();
		this.zone = businessTime.zone();
	}

	/**
	 * How far ahead an open promise counts as due soon
	 * ({@code shinrai.promise.due-soon}).
	 */
	public Duration dueSoon() {
		return dueSoon;
	}

	/**
	 * Records a promise.
	 * @throws PromiseRefusedException when the customer is unknown, the case is not the
	 * customer's, the description is empty or too long, the due time is missing or past,
	 * or the owner is not an enabled manager
	 */
	public PromiseView record(NewPromise promise, String actor) {
		return record(promise, actor, SegmentScope.all());
	}

	/**
	 * {@link #record(NewPromise, String)} by a user who sees the segments {@code scope}:
	 * a customer outside them is refused as unknown.
	 */
	public PromiseView record(NewPromise promise, String actor, SegmentScope scope) {
		if (promise.customerRef() == null) {
			throw new PromiseRefusedException("customerRef", "promise.refused.customerRequired");
		}
		Customer customer = customers.findByReference(promise.customerRef(), scope)
			.orElseThrow(() -> new PromiseRefusedException("customerRef", "promise.refused.unknownCustomer"));
		if (promise.caseId() != null && !cases.belongsTo(promise.caseId(), customer.getId())) {
			throw new PromiseRefusedException("caseId", "promise.refused.caseNotOfCustomer", promise.caseId());
		}
		if (promise.description() == null) {
			throw new PromiseRefusedException("description", "promise.refused.descriptionRequired");
		}
		int length = promise.description().codePointCount(0, promise.description().length());
		if (length > MAX_DESCRIPTION) {
			throw new PromiseRefusedException("description", "promise.refused.descriptionTooLong", MAX_DESCRIPTION,
					length);
		}
		Instant now = clock.instant();
		if (promise.dueAt() == null) {
			throw new PromiseRefusedException("dueAt", "promise.refused.dueRequired");
		}
		if (!promise.dueAt().isAfter(now)) {
			throw new PromiseRefusedException("dueAt", "promise.refused.duePast");
		}
		if (promise.dueAt().isAfter(now.plus(Duration.ofDays(3660)))) {
			throw new PromiseRefusedException("dueAt", "promise.refused.dueTooLate");
		}
		String owner = promise.owner() == null ? actor : promise.owner();
		UserAccount ownerAccount = accounts.find(owner)
			.filter(user -> user.isEnabled() && user.getRole().compareTo(Role.MANAGER) >= 0)
			.orElseThrow(() -> new PromiseRefusedException("owner", "promise.refused.ownerNotAManager", owner));
		long id = jdbc.sql("""
				insert into promise (customer_id, case_id, description, due_at, owner, created_by, created_at, status)
				values (?, ?, ?, ?, ?, ?, ?, 'OPEN') returning id
				""")
			.params(customer.getId(), promise.caseId(), promise.description(),
					Timestamp.from(promise.dueAt().truncatedTo(ChronoUnit.MICROS)), ownerAccount.getUsername(), actor,
					Timestamp.from(now))
			.query(Long.class)
			.single();
		audit.record(actor, AuditType.PROMISE_RECORDED, subject(id),
				"customer " + customer.getReference() + (promise.caseId() == null ? "" : ", case " + promise.caseId())
						+ ", owner " + ownerAccount.getUsername(),
				null, promise.description());
		return get(id);
	}

	/** Marks an open promise kept. */
	public PromiseView markKept(long id, String actor) {
		Instant now = clock.instant();
		Optional<Claimed> claimed = claim(id, PromiseStatus.KEPT, actor, now, false);
		if (claimed.isEmpty()) {
			throw notOpen(id);
		}
		Claimed promise = claimed.get();
		audit.record(actor, AuditType.PROMISE_SETTLED, subject(id), "kept", "OPEN", "KEPT");
		events.publishEvent(new PromiseKept(id, promise.customerId(), promise.caseId(), promise.owner(), actor));
		return get(id);
	}

	/** Marks an open promise broken, logging its BROKEN_PROMISE entry. */
	public PromiseView markBroken(long id, String actor) {
		Instant now = clock.instant();
		Claimed claimed = claim(id, PromiseStatus.BROKEN, actor, now, false).orElseThrow(() -> notOpen(id));
		logBroken(claimed, actor, now);
		return get(id);
	}

	/**
	 * Breaks one open promise past its due time (for the job, in a transaction of its own
	 * per promise): logs its entry, or does nothing when it is no longer open or not yet
	 * due. Returns whether it broke it.
	 */
	public boolean breakIfOverdue(long id) {
		Instant now = clock.instant();
		Optional<Claimed> claimed = claim(id, PromiseStatus.BROKEN, null, now, true);
		claimed.ifPresent(promise -> logBroken(promise, null, now));
		return claimed.isPresent();
	}

	/**
	 * Open promises past their due time, oldest first (at most {@code limit}), for the
	 * job.
	 */
	@Transactional(readOnly = true)
	public List<Long> overdueIds(int limit) {
		return jdbc.sql("select id from promise where status = 'OPEN' and due_at < ? order by due_at, id limit ?")
			.params(Timestamp.from(clock.instant()), limit)
			.query(Long.class)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<PromiseView> find(long id) {
		return jdbc.sql(SELECT + " where p.id = ?").param(id).query(this::view).optional();
	}

	@Transactional(readOnly = true)
	public PromiseView get(long id) {
		return find(id).orElseThrow(() -> new NotFoundException("promise " + id));
	}

	/**
	 * The promise when its customer is in {@code scope}; else a 404, so as not to reveal
	 * it exists.
	 */
	@Transactional(readOnly = true)
	public PromiseView get(long id, SegmentScope scope) {
		PromiseView promise = get(id);
		customers.get(promise.customerId(), scope);
		return promise;
	}

	/**
	 * Promises of one status and/or customer ({@code null}: all), the soonest due first
	 * among open ones.
	 */
	@Transactional(readOnly = true)
	public List<PromiseView> search(PromiseStatus status, Long customerId, int limit) {
		return search(status, customerId, limit, SegmentScope.all());
	}

	/**
	 * {@link #search(PromiseStatus, Long, int)} among the customers of the segments
	 * {@code scope}.
	 */
	@Transactional(readOnly = true)
	public List<PromiseView> search(PromiseStatus status, Long customerId, int limit, SegmentScope scope) {
		return jdbc.sql(SELECT + """
				 where (cast(:status as varchar) is null or p.status = :status)
				   and (cast(:customerId as bigint) is null or p.customer_id = :customerId)
				   and SCOPE
				order by (p.status = 'OPEN') desc, p.due_at, p.id limit :limit
				""".replace("SCOPE", scope.sql("c.segment")))
			.params(scope.params())
			.param("status", status == null ? null : status.name())
			.param("customerId", customerId)
			.param("limit", limit)
			.query(this::view)
			.list();
	}

	/** The customer's promises (open first, soonest due first). */
	@Transactional(readOnly = true)
	public List<PromiseView> ofCustomer(long customerId) {
		return search(null, customerId, LIST_LIMIT);
	}

	/**
	 * The promises of each case, for the board and the case page (every case of the list
	 * gets an entry).
	 */
	@Transactional(readOnly = true)
	public Map<Long, List<PromiseView>> ofCases(Collection<Long> caseIds) {
		Map<Long, List<PromiseView>> byCase = new LinkedHashMap<>();
		caseIds.forEach(id -> byCase.put(id, new java.util.ArrayList<>()));
		if (caseIds.isEmpty()) {
			return byCase;
		}
		jdbc.sql(SELECT + " where p.case_id = any(?) order by p.due_at, p.id")
			.param(caseIds.toArray(Long[]::new))
			.query(this::view)
			.list()
			.forEach(promise -> byCase.get(promise.caseId()).add(promise));
		return byCase;
	}

	/**
	 * Due soon and overdue now; broken and kept in [from, to) (by the time they were
	 * settled); for every customer, one segment, or one customer.
	 */
	@Transactional(readOnly = true)
	public PromiseMeasures measures(String segment, Long customerId, Instant from, Instant to) {
		return measures(SegmentScope.all().narrow(segment), customerId, from, to);
	}

	/**
	 * {@link #measures(String, Long, Instant, Instant)} of the customers of the segments
	 * {@code segments}.
	 */
	@Transactional(readOnly = true)
	public PromiseMeasures measures(SegmentScope segments, Long customerId, Instant from, Instant to) {
		Instant now = clock.instant();
		Map<String, Object> params = new HashMap<>(segments.params());
		params.put("now", Timestamp.from(now));
		params.put("soon", Timestamp.from(now.plus(dueSoon)));
		params.put("from", Timestamp.from(from));
		params.put("to", Timestamp.from(to));
		params.put("customerId", customerId);
		return jdbc
			.sql("""
					select count(*) filter (where p.status = 'OPEN' and p.due_at >= :now and p.due_at < :soon) as due_soon,
					       count(*) filter (where p.status = 'OPEN' and p.due_at < :now) as overdue,
					       count(*) filter (where p.status = 'BROKEN' and p.settled_at >= :from and p.settled_at < :to) as broken,
					       count(*) filter (where p.status = 'KEPT' and p.settled_at >= :from and p.settled_at < :to) as kept
					from promise p
					where (cast(:customerId as bigint) is null or p.customer_id = :customerId)
					  and SCOPE
					"""
				.replace("SCOPE",
						segments.isAll() ? "true" : "exists (select 1 from customer c where c.id = p.customer_id and "
								+ segments.sql("c.segment") + ")"))
			.params(params)
			.query((rs, row) -> {
				long broken = rs.getLong("broken");
				long kept = rs.getLong("kept");
				return new PromiseMeasures(rs.getLong("due_soon"), rs.getLong("overdue"), broken, kept,
						kept + broken == 0 ? null : (double) kept / (kept + broken));
			})
			.single();
	}

	private Optional<Claimed> claim(long id, PromiseStatus to, String actor, Instant now, boolean onlyIfOverdue) {
		if (find(id).isEmpty()) {
			throw new NotFoundException("promise " + id);
		}
		return jdbc.sql("""
				update promise set status = :to, settled_at = :now, settled_by = :actor, version = version + 1
				where id = :id and status = 'OPEN' and (not :onlyIfOverdue or due_at < :now)
				returning id, customer_id, case_id, description, due_at, owner
				""")
			.param("to", to.name())
			.param("now", Timestamp.from(now))
			.param("actor", actor)
			.param("id", id)
			.param("onlyIfOverdue", onlyIfOverdue)
			.query((rs, row) -> new Claimed(rs.getLong("id"), rs.getLong("customer_id"), (Long) rs.getObject("case_id"),
					rs.getString("description"), rs.getTimestamp("due_at").toInstant(), rs.getString("owner")))
			.optional();
	}

	private void logBroken(Claimed promise, String markedBy, Instant now) {
		Customer customer = customers.get(promise.customerId());
		if (customer.isErased()) {
			// nothing can be added to an erased customer: the promise counts as broken,
			// without an entry
			audit.record(markedBy == null ? "system" : markedBy, AuditType.PROMISE_SETTLED, subject(promise.id()),
					"broken, customer erased", "OPEN", "BROKEN");
			return;
		}
		Instant brokenAt = promise.dueAt().isBefore(now) ? promise.dueAt() : now;
		String due = DUE_FORMAT.format(promise.dueAt().atZone(zone));
		String note = truncate("Promise #" + promise.id() + ": " + promise.description(),
				FeedbackRules.MAX_INCIDENT_NOTE);
		String comment = "Generated by Shinrai from promise #" + promise.id() + " (owner " + promise.owner() + ", due "
				+ due + "), " + (markedBy == null ? "not marked kept by its due time" : "marked broken by " + markedBy)
				+ ": " + promise.description();
		StoredFeedback entry = feedback.log(NewFeedback.builder()
			.customer(customer.getReference(), null, null)
			.receivedAt(brokenAt)
			.channel(Channel.OTHER)
			.category(Category.SERVICE)
			.incident(IncidentType.BROKEN_PROMISE, note)
			.comment(truncate(comment, FeedbackRules.MAX_COMMENT))
			.externalId("promise-" + promise.id())
			.source(Source.SYSTEM)
			.loggedBy(LOGGED_BY)
			.build());
		jdbc.sql("update promise set broken_feedback_id = ? where id = ?").params(entry.id(), promise.id()).update();
		audit.record(markedBy == null ? "system" : markedBy, AuditType.PROMISE_SETTLED, subject(promise.id()),
				"broken, logged as feedback " + entry.id(), "OPEN", "BROKEN");
		events.publishEvent(new PromiseBroken(promise.id(), promise.customerId(), promise.caseId(), promise.owner(),
				entry.id(), markedBy));
	}

	private static String truncate(String text, int max) {
		if (text.codePointCount(0, text.length()) <= max) {
			return text;
		}
		int end = text.offsetByCodePoints(0, max - 1);
		return text.substring(0, end) + "…";
	}

	private static String subject(long id) {
		return "promise:" + id;
	}

	private static PromiseRefusedException notOpen(long id) {
		return new PromiseRefusedException("status", "promise.refused.notOpen", id);
	}

	private static final String SELECT = """
			select p.id, p.customer_id, c.reference, c.name, p.case_id, p.description, p.due_at, p.owner, p.created_by,
			       p.created_at, p.status, p.settled_at, p.settled_by, p.broken_feedback_id
			from promise p join customer c on c.id = p.customer_id""";

	private PromiseView view(ResultSet rs, int row) throws SQLException {
		PromiseStatus status = PromiseStatus.valueOf(rs.getString("status"));
		Instant dueAt = rs.getTimestamp("due_at").toInstant();
		Timestamp settledAt = rs.getTimestamp("settled_at");
		return new PromiseView(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("reference"),
				rs.getString("name"), (Long) rs.getObject("case_id"), rs.getString("description"), dueAt,
				rs.getString("owner"), rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), status,
				settledAt == null ? null : settledAt.toInstant(), rs.getString("settled_by"),
				(Long) rs.getObject("broken_feedback_id"),
				status == PromiseStatus.OPEN && dueAt.isBefore(clock.instant()));
	}

	private record Claimed(long id, long customerId, Long caseId, String description, Instant dueAt, String owner) {
	}

}
