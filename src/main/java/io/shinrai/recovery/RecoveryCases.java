package io.shinrai.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.Role;
import io.shinrai.account.UserAccounts;
import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackStatistics;
import io.shinrai.feedback.IncidentType;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * The recovery cases: lists and details for the board, the case page, the customer page
 * and the API, and the managers' work on a case (moves, owner, notes). Every change names
 * the case version the user saw; a case changed since is refused
 * ({@link CaseRefusedException.CaseChanged}), never silently overwritten.
 */
@Service
@Transactional
public class RecoveryCases {

	private final RecoveryCaseRepository cases;

	private final JdbcClient jdbc;

	private final CustomerDirectory customers;

	private final TrustScores trustScores;

	private final UserAccounts accounts;

	private final AuditLog audit;

	private final FeedbackStatistics feedback;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RecoveryCases(RecoveryCaseRepository cases, JdbcClient jdbc, CustomerDirectory customers, TrustScores trustScores,
			UserAccounts accounts, AuditLog audit, FeedbackStatistics feedback, ApplicationEventPublisher events,
			Clock clock) {
		this.clock = clock;
		this.feedback = feedback;
		this.events = events;
		this.cases = cases;
		this.jdbc = jdbc;
		this.customers = customers;
		this.trustScores = trustScores;
		this.accounts = accounts;
		this.audit = audit;
	}

	/**
	 * One page of cases, with their customer and causing entries, read in three
	 * statements whatever the size.
	 */
	@Transactional(readOnly = true)
	public Page<CaseSummary> search(CaseSearch search) {
		Instant now = clock.instant();
		StringBuilder where = new StringBuilder(" where true");
		Map<String, Object> params = new HashMap<>();
		params.put("now", Timestamp.from(now));
		if (!search.statuses().isEmpty()) {
			where.append(" and c.status = any(cast(:statuses as varchar[]))");
			params.put("statuses", search.statuses().stream().map(Enum::name).toArray(String[]::new));
		}
		if (search.overdueOnly()) {
			where.append(" and c.status = 'OPEN' and c.acknowledge_due_at < :now");
		}
		if (search.owner() != null) {
			where.append(" and c.owner = :owner");
			params.put("owner", search.owner());
		}
		if (search.unassignedOnly()) {
			where.append(" and c.owner is null");
		}
		if (search.customerId() != null) {
			where.append(" and c.customer_id = :customerId");
			params.put("customerId", search.customerId());
		}
		if (search.segment() != null) {
			where.append(" and exists (select 1 from customer s where s.id = c.customer_id and s.segment = :segment)");
			params.put("segment", search.segment());
		}
		if (!search.within().isAll()) {
			where.append(" and ").append(RecoveryMeasures.inScope(search.within()));
			params.putAll(search.within().params());
		}
		long total = jdbc.sql("select count(*) from recovery_case c" + where).params(params).query(Long.class).single();
		params.put("limit", search.size());
		params.put("offset", (long) search.page() * search.size());
		List<CaseSummary> content = summaries(
				jdbc.sql(SUMMARY_SELECT + where + " order by " + search.sort().orderBy + " limit :limit offset :offset")
					.params(params),
				now);
		return new PageImpl<>(content, PageRequest.of(search.page(), search.size()), total);
	}

	/**
	 * One page of the board: the cases of {@link #search} with what happened and the
	 * customers' trust at opening and now, in a fixed number of statements whatever the
	 * page size.
	 */
	@Transactional(readOnly = true)
	public Page<BoardRow> board(CaseSearch search) {
		Page<CaseSummary> page = search(search);
		List<CaseSummary> cases = page.getContent();
		if (cases.isEmpty()) {
			return new PageImpl<>(List.of(), page.getPageable(), page.getTotalElements());
		}
		Map<Long, Double> trustAtOpening = new HashMap<>();
		Map<Long, Long> versions = new HashMap<>();
		jdbc.sql("select id, trust_at_opening, version from recovery_case where id = any(?)")
			.param(cases.stream().map(CaseSummary::id).toArray(Long[]::new))
			.query((rs, row) -> {
				versions.put(rs.getLong("id"), rs.getLong("version"));
				return trustAtOpening.put(rs.getLong("id"), (Double) rs.getObject("trust_at_opening"));
			})
			.list();
		Map<Long, FeedbackStatistics.Gist> gists = feedback
			.gists(cases.stream().flatMap(c -> c.entryIds().stream()).toList());
		Map<Long, CustomerTrust> trustNow = trustScores
			.forCustomers(cases.stream().map(CaseSummary::customerId).distinct().toList(), clock.instant());
		List<BoardRow> rows = cases.stream().map(c -> {
			List<FeedbackStatistics.Gist> entries = c.entryIds()
				.stream()
				.map(gists::get)
				.filter(Objects::nonNull)
				.sorted(Comparator.comparing(FeedbackStatistics.Gist::receivedAt).reversed())
				.toList();
			List<IncidentType> incidents = entries.stream()
				.flatMap(g -> g.incidents().stream())
				.distinct()
				.sorted()
				.toList();
			String excerpt = entries.stream()
				.map(g -> BoardRow.excerpt(g.comment()))
				.filter(Objects::nonNull)
				.findFirst()
				.orElse(null);
			CustomerTrust trust = trustNow.get(c.customerId());
			return new BoardRow(c, incidents, excerpt, trustAtOpening.get(c.id()),
					trust == null ? null : trust.score().trust(), trust == null ? null : trust.score().band(),
					trust == null ? null : trust.status(), versions.getOrDefault(c.id(), 0L));
		}).toList();
		return new PageImpl<>(rows, page.getPageable(), page.getTotalElements());
	}

	/**
	 * Hands several cases to one manager at once, each at the version the board showed:
	 * all or none (a case changed or closed since refuses the whole hand-over, nothing is
	 * assigned).
	 * @return how many cases changed owner
	 */
	public int assignAll(Map<Long, Long> versionOfCase, String newOwner, String actor) {
		if (versionOfCase.isEmpty()) {
			throw new CaseRefusedException.NothingSelected();
		}
		int changed = 0;
		for (Map.Entry<Long, Long> selected : new java.util.TreeMap<>(versionOfCase).entrySet()) {
			String before = cases.findById(selected.getKey()).map(RecoveryCase::getOwner).orElse(null);
			assign(selected.getKey(), selected.getValue(), newOwner, actor);
			if (!Objects.equals(before, newOwner)) {
				changed++;
			}
		}
		return changed;
	}

	/** A customer's cases, newest first (for the customer page). */
	@Transactional(readOnly = true)
	public List<CaseSummary> ofCustomer(long customerId) {
		return summaries(
				jdbc.sql(SUMMARY_SELECT + " where c.customer_id = :customerId order by c.opened_at desc, c.id desc")
					.param("customerId", customerId),
				clock.instant());
	}

	/**
	 * {@link #details(long)} of a case a user who sees the segments {@code scope} may
	 * see; else a 404.
	 */
	@Transactional(readOnly = true)
	public CaseDetails details(long caseId, SegmentScope scope) {
		requireVisible(caseId, scope);
		return details(caseId);
	}

	/**
	 * Refuses a case whose customer is outside the segments {@code scope} as not found,
	 * so as not to reveal it exists.
	 */
	@Transactional(readOnly = true)
	public void requireVisible(long caseId, SegmentScope scope) {
		RecoveryCase recoveryCase = cases.findById(caseId).orElseThrow(() -> notFound(caseId));
		if (!scope.isAll() && customers.find(recoveryCase.getCustomerId())
			.filter(customer -> scope.includes(customer.getSegment()))
			.isEmpty()) {
			throw notFound(caseId);
		}
	}

	/**
	 * The case page's content; the customer's trust now is computed as of this moment.
	 */
	@Transactional(readOnly = true)
	public CaseDetails details(long caseId) {
		RecoveryCase recoveryCase = cases.findWithNotesById(caseId).orElseThrow(() -> notFound(caseId));
		Instant now = clock.instant();
		Customer customer = customers.get(recoveryCase.getCustomerId());
		Map<Long, Instant> attached = new HashMap<>();
		jdbc.sql("select feedback_id, attached_at from recovery_case_entry where case_id = ?")
			.param(caseId)
			.query((rs, row) -> attached.put(rs.getLong("feedback_id"), instant(rs, "attached_at")))
			.list();
		Map<Long, Instant> received = feedback.receivedAt(attached.keySet());
		List<CaseDetails.Entry> entries = attached.entrySet()
			.stream()
			.map(entry -> new CaseDetails.Entry(entry.getKey(), received.get(entry.getKey()), entry.getValue()))
			.sorted(Comparator.comparing(CaseDetails.Entry::receivedAt)
				.thenComparingLong(CaseDetails.Entry::feedbackId))
			.toList();
		List<CaseDetails.Note> notes = recoveryCase.getNotes()
			.stream()
			.map(note -> new CaseDetails.Note(note.getAuthor(), note.getWrittenAt(), note.getText()))
			.toList();
		List<CaseDetails.Answer> answers = jdbc.sql("""
				select feedback_id, answered_at, negative, status from recovery_case_answer
				where case_id = ? order by answered_at, feedback_id
				""")
			.param(caseId)
			.query((rs, row) -> new CaseDetails.Answer(rs.getLong("feedback_id"), instant(rs, "answered_at"),
					rs.getBoolean("negative"), RecoveryStatus.valueOf(rs.getString("status"))))
			.list();
		return new CaseDetails(recoveryCase.getId(), customer.getId(), customer.getReference(), customer.getName(),
				recoveryCase.getStatus(), recoveryCase.getOwner(), recoveryCase.getOpenedAt(),
				recoveryCase.getAcknowledgeDueAt(), recoveryCase.getAcknowledgedAt(), recoveryCase.getResolvedAt(),
				recoveryCase.getClosedAt(), recoveryCase.getReopenedCount(), recoveryCase.getReopenedAt(),
				recoveryCase.getOverdueSince(), recoveryCase.isOverdue(now), recoveryCase.getTrustAtOpening(),
				recoveryCase.getStatusAtOpening(), trustScores.forCustomer(customer.getId(), now),
				recoveryCase.getVersion(), recoveryCase.allowedActions(), entries, notes, recoveryCase.getConfirmedAt(),
				answers);
	}

	/**
	 * Whether the case exists and belongs to the customer (a survey link or a promise on
	 * a case must name one of the customer's cases).
	 */
	@Transactional(readOnly = true)
	public boolean belongsTo(long caseId, long customerId) {
		return cases.findById(caseId).map(found -> found.getCustomerId() == customerId).orElse(false);
	}

	/**
	 * Records the customer's own answer on one of the case's survey links, inside the
	 * transaction that stored the answer as a feedback entry (the entry's
	 * {@code FeedbackLogged} has run already: a negative answer has been attached to the
	 * customer's case like any negative entry, reopening a resolved case). A not-negative
	 * answer to a resolved or closed case confirms the resolution
	 * ({@link RecoveryCase#confirmByCustomer}); one to a case still being worked is only
	 * recorded. Recording the same entry twice records it once.
	 * @param statusBefore the case's status before the answer was stored (a negative
	 * answer may have reopened it)
	 * @return whether this answer confirmed the case
	 */
	public boolean recordCustomerAnswer(long caseId, long feedbackId, boolean negative, Instant at,
			RecoveryStatus statusBefore) {
		RecoveryCase recoveryCase = cases.findById(caseId).orElseThrow(() -> notFound(caseId));
		int inserted = jdbc.sql("""
				insert into recovery_case_answer (feedback_id, case_id, answered_at, negative, status)
				values (?, ?, ?, ?, ?) on conflict (feedback_id) do nothing
				""").params(feedbackId, caseId, Timestamp.from(at), negative, statusBefore.name()).update();
		if (inserted == 0 || negative) {
			return false;
		}
		boolean confirmed = recoveryCase.confirmByCustomer(feedbackId, at);
		if (confirmed) {
			cases.saveAndFlush(recoveryCase);
			audit.record(RecoveryCaseOpener.SYSTEM, AuditType.RECOVERY_CASE_UPDATED, auditSubject(caseId),
					"Confirmed by the customer in feedback " + feedbackId, recoveryCase.getStatus().name(),
					recoveryCase.getStatus().name());
		}
		return confirmed;
	}

	/** The case's status now, for a caller about to store something that may move it. */
	@Transactional(readOnly = true)
	public RecoveryStatus statusOf(long caseId) {
		return cases.findById(caseId).orElseThrow(() -> notFound(caseId)).getStatus();
	}

	/**
	 * Makes one of the moves of the case's workflow; publishes
	 * {@link RecoveryCaseStatusChanged}.
	 */
	public void apply(long caseId, Long expectedVersion, RecoveryAction action, String actor) {
		apply(caseId, expectedVersion, action, null, actor);
	}

	/**
	 * Makes one of the moves with a note written by the actor (none when {@code note} is
	 * blank). Closing a case whose customer is still AT_RISK needs a note saying why
	 * ({@link CaseRefusedException.NoteRequiredToClose}): nobody closes a case on a
	 * customer about to leave without a word. Publishes
	 * {@link RecoveryCaseStatusChanged}.
	 */
	public void apply(long caseId, Long expectedVersion, RecoveryAction action, String note, String actor) {
		RecoveryCase recoveryCase = load(caseId, expectedVersion);
		boolean withNote = note != null && !note.isBlank();
		if (action == RecoveryAction.CLOSE && !withNote && recoveryCase.getStatus() == RecoveryStatus.RESOLVED
				&& trustScores.forCustomer(recoveryCase.getCustomerId(), clock.instant())
					.status() == CustomerStatus.AT_RISK) {
			throw new CaseRefusedException.NoteRequiredToClose();
		}
		if (withNote) {
			recoveryCase.addNote(actor, note, clock.instant());
		}
		String before = state(recoveryCase);
		RecoveryStatus from = recoveryCase.getStatus();
		Duration acknowledgeWithin = Duration.ofHours(trustScores.activePolicy().acknowledgeWithinHours());
		Instant now = clock.instant();
		recoveryCase.apply(action, actor, now, acknowledgeWithin);
		save(recoveryCase);
		audit.record(actor, AuditType.RECOVERY_CASE_UPDATED, auditSubject(caseId), action.name(), before,
				state(recoveryCase));
		events.publishEvent(new RecoveryCaseStatusChanged(caseId, recoveryCase.getCustomerId(), from,
				recoveryCase.getStatus(), actor, recoveryCase.getOwner(), now));
	}

	/** Hands the case to a manager (or admin). */
	public void assign(long caseId, Long expectedVersion, String newOwner, String actor) {
		RecoveryCase recoveryCase = load(caseId, expectedVersion);
		String owner = accounts.find(Objects.requireNonNullElse(newOwner, ""))
			.filter(user -> user.isEnabled() && user.getRole().compareTo(Role.MANAGER) >= 0)
			.orElseThrow(() -> new CaseRefusedException.OwnerNotAManager(newOwner))
			.getUsername();
		if (owner.equals(recoveryCase.getOwner())) {
			return;
		}
		String before = state(recoveryCase);
		recoveryCase.assignTo(owner);
		save(recoveryCase);
		audit.record(actor, AuditType.RECOVERY_CASE_UPDATED, auditSubject(caseId), "OWNER_CHANGED", before,
				state(recoveryCase));
	}

	/** Adds a note by {@code author}, written now. */
	public void addNote(long caseId, Long expectedVersion, String text, String author) {
		RecoveryCase recoveryCase = load(caseId, expectedVersion);
		recoveryCase.addNote(author, text, clock.instant());
		save(recoveryCase);
		// who wrote a note and when; the text stays with the case, whose retention and
		// erasure rules it follows
		audit.record(author, AuditType.RECOVERY_NOTE_ADDED, auditSubject(caseId), "NOTE_ADDED");
	}

	/** A case of the customer with every note, for exports of personal data. */
	public record CaseWithNotes(CaseSummary summary, List<CaseDetails.Note> notes) {
	}

	/** Every case of the customer with its notes, oldest first. */
	@Transactional(readOnly = true)
	public List<CaseWithNotes> withNotesOfCustomer(long customerId) {
		List<CaseSummary> summaries = new ArrayList<>(ofCustomer(customerId));
		java.util.Collections.reverse(summaries);
		return summaries.stream()
			.map(summary -> new CaseWithNotes(summary,
					jdbc.sql("""
							select author, written_at, text from recovery_note where case_id = ? order by written_at, id
							""")
						.param(summary.id())
						.query((rs, row) -> new CaseDetails.Note(rs.getString("author"), instant(rs, "written_at"),
								rs.getString("text")))
						.list()))
			.toList();
	}

	/** The audit subjects of the customer's cases, for exports of personal data. */
	@Transactional(readOnly = true)
	public List<String> auditSubjectsOf(long customerId) {
		return jdbc.sql("select id from recovery_case where customer_id = ? order by id")
			.param(customerId)
			.query(Long.class)
			.list()
			.stream()
			.map(RecoveryCases::auditSubject)
			.toList();
	}

	/**
	 * Empties the notes of the customer's cases (author and time stay); the cases, their
	 * states and times stay, so recovery measures do not change. The caller holds the
	 * customer's erasure lock.
	 * @return the notes emptied
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int erasePersonalData(long customerId) {
		return jdbc.sql("""
				update recovery_note n set text = '', erased_at = now()
				from recovery_case c where c.id = n.case_id and c.customer_id = ? and n.erased_at is null
				""").param(customerId).update();
	}

	/**
	 * Notes written before {@code instant} that are not empty yet (retention preview).
	 */
	@Transactional(readOnly = true)
	public long countNotesBefore(Instant instant) {
		return jdbc.sql("select count(*) from recovery_note where written_at < ? and erased_at is null")
			.param(Timestamp.from(instant))
			.query(Long.class)
			.single();
	}

	/** Empties the notes written before {@code instant} (retention). */
	public long emptyNotesBefore(Instant instant) {
		return jdbc
			.sql("update recovery_note set text = '', erased_at = now() where written_at < ? and erased_at is null")
			.param(Timestamp.from(instant))
			.update();
	}

	static String auditSubject(long caseId) {
		return "recovery-case:" + caseId;
	}

	private RecoveryCase load(long caseId, Long expectedVersion) {
		RecoveryCase recoveryCase = cases.findById(caseId).orElseThrow(() -> notFound(caseId));
		if (expectedVersion == null || expectedVersion != recoveryCase.getVersion()) {
			throw new CaseRefusedException.CaseChanged(caseId);
		}
		return recoveryCase;
	}

	/**
	 * Writes now, so that a concurrent save that passed the version check as well is
	 * refused here.
	 */
	private void save(RecoveryCase recoveryCase) {
		try {
			cases.saveAndFlush(recoveryCase);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new CaseRefusedException.CaseChanged(recoveryCase.getId());
		}
	}

	private static String state(RecoveryCase recoveryCase) {
		return "status=" + recoveryCase.getStatus() + ", owner=" + recoveryCase.getOwner();
	}

	private static NotFoundException notFound(long caseId) {
		return new NotFoundException("recovery case " + caseId);
	}

	private static final String SUMMARY_SELECT = """
			select c.id, c.customer_id, cu.reference, cu.name, c.status, c.owner, c.opened_at, c.acknowledge_due_at,
			       c.acknowledged_at, c.resolved_at, c.closed_at, c.reopened_count
			from recovery_case c join customer cu on cu.id = c.customer_id""";

	private List<CaseSummary> summaries(JdbcClient.StatementSpec statement, Instant now) {
		List<Row> rows = statement
			.query((rs, row) -> new Row(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("reference"),
					rs.getString("name"), RecoveryStatus.valueOf(rs.getString("status")), rs.getString("owner"),
					instant(rs, "opened_at"), instant(rs, "acknowledge_due_at"), instant(rs, "acknowledged_at"),
					instant(rs, "resolved_at"), instant(rs, "closed_at"), rs.getInt("reopened_count")))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Long>> entries = new LinkedHashMap<>();
		rows.forEach(row -> entries.put(row.id(), new ArrayList<>()));
		jdbc.sql("select case_id, feedback_id from recovery_case_entry where case_id = any(?) order by feedback_id")
			.param(entries.keySet().toArray(Long[]::new))
			.query((rs, row) -> entries.get(rs.getLong("case_id")).add(rs.getLong("feedback_id")))
			.list();
		return rows.stream()
			.map(row -> new CaseSummary(row.id(), row.customerId(), row.reference(), row.name(), row.status(),
					row.owner(), row.openedAt(), row.dueAt(), row.acknowledgedAt(), row.resolvedAt(), row.closedAt(),
					row.reopenedCount(), row.status() == RecoveryStatus.OPEN && row.dueAt().isBefore(now),
					entries.get(row.id())))
			.toList();
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

	private record Row(long id, long customerId, String reference, String name, RecoveryStatus status, String owner,
			Instant openedAt, Instant dueAt, Instant acknowledgedAt, Instant resolvedAt, Instant closedAt,
			int reopenedCount) {
	}

}
