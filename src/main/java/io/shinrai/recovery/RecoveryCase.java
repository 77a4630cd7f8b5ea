package io.shinrai.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;

import io.shinrai.scoring.CustomerStatus;

/**
 * A customer's recovery case: the aggregate that moves through OPEN → ACKNOWLEDGED →
 * RESOLVED → CLOSED (and back to OPEN from RESOLVED) by its own methods, each refusing an
 * invalid move with a specific {@link CaseRefusedException}.
 * <p>
 * The entries that caused a case are attached set-based by {@link RecoveryCaseOpener}
 * (imports bring thousands at a time), not through this entity. Updates write only
 * changed columns ({@link DynamicUpdate}) so that a save never overwrites the
 * {@code overdue_since} flag that the overdue job sets without touching the version.
 */
@Entity
@Table(name = "recovery_case")
@DynamicUpdate
public class RecoveryCase {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "customer_id", nullable = false, updatable = false)
	private long customerId;

	private String owner;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private RecoveryStatus status;

	@Column(name = "opened_at", nullable = false, updatable = false)
	private Instant openedAt;

	@Column(name = "acknowledge_due_at", nullable = false)
	private Instant acknowledgeDueAt;

	@Column(name = "acknowledged_at")
	private Instant acknowledgedAt;

	@Column(name = "resolved_at")
	private Instant resolvedAt;

	@Column(name = "closed_at")
	private Instant closedAt;

	@Column(name = "reopened_count", nullable = false)
	private int reopenedCount;

	@Column(name = "reopened_at")
	private Instant reopenedAt;

	@Column(name = "overdue_since")
	private Instant overdueSince;

	@Column(name = "confirmed_at")
	private Instant confirmedAt;

	@Column(name = "confirmed_by_feedback_id")
	private Long confirmedByFeedbackId;

	@Column(name = "trust_at_opening", updatable = false)
	private Double trustAtOpening;

	@Enumerated(EnumType.STRING)
	@Column(name = "status_at_opening", nullable = false, updatable = false)
	private CustomerStatus statusAtOpening;

	@Version
	private long version;

	@OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
	@JoinColumn(name = "case_id", nullable = false, updatable = false)
	@OrderBy("writtenAt, id")
	private List<RecoveryNote> notes = new ArrayList<>();

	protected RecoveryCase() {
	}

	private RecoveryCase(long customerId, String owner, Double trustAtOpening, CustomerStatus statusAtOpening,
			Instant openedAt, Duration acknowledgeWithin) {
		this.customerId = customerId;
		this.owner = owner;
		this.status = RecoveryStatus.OPEN;
		this.openedAt = Objects.requireNonNull(openedAt, "openedAt");
		this.acknowledgeDueAt = dueAt(openedAt, acknowledgeWithin);
		this.trustAtOpening = trustAtOpening;
		this.statusAtOpening = Objects.requireNonNull(statusAtOpening, "statusAtOpening");
	}

	/**
	 * A new OPEN case. (The opener inserts new cases in SQL, so that concurrent openings
	 * for one customer meet the database's one-case-per-customer index instead of
	 * failing; it uses {@link #dueAt} for the same due time.)
	 */
	public static RecoveryCase open(long customerId, String owner, Double trustAtOpening,
			CustomerStatus statusAtOpening, Instant openedAt, Duration acknowledgeWithin) {
		return new RecoveryCase(customerId, owner, trustAtOpening, statusAtOpening, openedAt, acknowledgeWithin);
	}

	/** The acknowledgement due time of a case opened (or reopened) at {@code at}. */
	static Instant dueAt(Instant at, Duration acknowledgeWithin) {
		if (acknowledgeWithin.isNegative() || acknowledgeWithin.isZero()) {
			throw new IllegalArgumentException("acknowledgeWithin must be positive: " + acknowledgeWithin);
		}
		return at.plus(acknowledgeWithin);
	}

	/** Someone takes the case on. An unassigned case becomes theirs. */
	public void acknowledge(String by, Instant at) {
		if (status != RecoveryStatus.OPEN) {
			throw new CaseRefusedException.CannotAcknowledge(status);
		}
		status = RecoveryStatus.ACKNOWLEDGED;
		acknowledgedAt = at;
		overdueSince = null;
		if (owner == null) {
			owner = by;
		}
	}

	/** The customer has been taken care of. */
	public void resolve(Instant at) {
		if (status != RecoveryStatus.ACKNOWLEDGED) {
			throw new CaseRefusedException.CannotResolve(status);
		}
		status = RecoveryStatus.RESOLVED;
		resolvedAt = at;
	}

	/** Done for good; a later negative entry opens a new case. */
	public void close(Instant at) {
		if (status != RecoveryStatus.RESOLVED) {
			throw new CaseRefusedException.CannotClose(status);
		}
		status = RecoveryStatus.CLOSED;
		closedAt = at;
	}

	/**
	 * Back to OPEN, because the customer is negative again (or a manager decides the
	 * resolution did not hold): a new acknowledgement due time, and the acknowledgement
	 * and resolution of the previous round are cleared so the measures time the new round
	 * from {@link #getReopenedAt()}.
	 */
	public void reopen(Instant at, Duration acknowledgeWithin) {
		if (status != RecoveryStatus.RESOLVED) {
			throw new CaseRefusedException.CannotReopen(status);
		}
		status = RecoveryStatus.OPEN;
		reopenedCount++;
		reopenedAt = at;
		acknowledgeDueAt = dueAt(at, acknowledgeWithin);
		acknowledgedAt = null;
		resolvedAt = null;
		overdueSince = null;
		confirmedAt = null;
		confirmedByFeedbackId = null;
	}

	/**
	 * The customer answered the case's survey link without being negative. It confirms
	 * the resolution only once the case is resolved (or closed); an answer while the case
	 * is still worked confirms nothing. Returns whether the case is confirmed by this
	 * answer (a second answer does not move the first confirmation).
	 */
	public boolean confirmByCustomer(long feedbackId, Instant at) {
		if (confirmedAt != null || (status != RecoveryStatus.RESOLVED && status != RecoveryStatus.CLOSED)) {
			return false;
		}
		confirmedAt = at;
		confirmedByFeedbackId = feedbackId;
		return true;
	}

	/**
	 * Hands the case to another manager; whether that user is a manager is checked by
	 * {@link RecoveryCases}.
	 */
	public void assignTo(String newOwner) {
		Objects.requireNonNull(newOwner, "newOwner");
		if (status == RecoveryStatus.CLOSED) {
			throw new CaseRefusedException.CaseClosed();
		}
		owner = newOwner;
	}

	/**
	 * Adds a note; notes are welcome in every status, also after closing (the customer
	 * may call again).
	 */
	public RecoveryNote addNote(String author, String text, Instant at) {
		String trimmed = text == null ? "" : text.strip();
		if (trimmed.isEmpty() || trimmed.length() > RecoveryNote.MAX_LENGTH) {
			throw new CaseRefusedException.InvalidNote();
		}
		RecoveryNote note = new RecoveryNote(Objects.requireNonNull(author, "author"), at, trimmed);
		notes.add(note);
		return note;
	}

	/** The moves its status allows now. */
	public Set<RecoveryAction> allowedActions() {
		return switch (status) {
			case OPEN -> EnumSet.of(RecoveryAction.ACKNOWLEDGE);
			case ACKNOWLEDGED -> EnumSet.of(RecoveryAction.RESOLVE);
			case RESOLVED -> EnumSet.of(RecoveryAction.CLOSE, RecoveryAction.REOPEN);
			case CLOSED -> EnumSet.noneOf(RecoveryAction.class);
		};
	}

	/** Applies one of the manager's moves. */
	public void apply(RecoveryAction action, String by, Instant at, Duration acknowledgeWithin) {
		switch (action) {
			case ACKNOWLEDGE -> acknowledge(by, at);
			case RESOLVE -> resolve(at);
			case CLOSE -> close(at);
			case REOPEN -> reopen(at, acknowledgeWithin);
		}
	}

	/**
	 * Overdue means still OPEN after its acknowledgement due time, whatever the overdue
	 * job has noticed yet.
	 */
	public boolean isOverdue(Instant now) {
		return status == RecoveryStatus.OPEN && acknowledgeDueAt.isBefore(now);
	}

	public Long getId() {
		return id;
	}

	public long getCustomerId() {
		return customerId;
	}

	public String getOwner() {
		return owner;
	}

	public RecoveryStatus getStatus() {
		return status;
	}

	public Instant getOpenedAt() {
		return openedAt;
	}

	public Instant getAcknowledgeDueAt() {
		return acknowledgeDueAt;
	}

	public Instant getAcknowledgedAt() {
		return acknowledgedAt;
	}

	public Instant getResolvedAt() {
		return resolvedAt;
	}

	public Instant getClosedAt() {
		return closedAt;
	}

	public int getReopenedCount() {
		return reopenedCount;
	}

	public Instant getReopenedAt() {
		return reopenedAt;
	}

	public Instant getOverdueSince() {
		return overdueSince;
	}

	/**
	 * When the customer confirmed the resolution of the current round, or {@code null}.
	 */
	public Instant getConfirmedAt() {
		return confirmedAt;
	}

	public Long getConfirmedByFeedbackId() {
		return confirmedByFeedbackId;
	}

	public Double getTrustAtOpening() {
		return trustAtOpening;
	}

	public CustomerStatus getStatusAtOpening() {
		return statusAtOpening;
	}

	public long getVersion() {
		return version;
	}

	public List<RecoveryNote> getNotes() {
		return Collections.unmodifiableList(notes);
	}

}
