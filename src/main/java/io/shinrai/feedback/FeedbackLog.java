package io.shinrai.feedback;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDetails;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.customer.CustomerNameRequiredException;
import io.shinrai.customer.CustomerOutOfScopeException;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * Stores feedback entries from every capture path (form, API, CSV import), corrects them,
 * and reads them back. Entries are never deleted. Every write publishes
 * {@link FeedbackLogged} inside its transaction.
 */
@Service
@Transactional
public class FeedbackLog {

	private final FeedbackRows rows;

	private final CustomerDirectory customers;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final ZoneId businessZone;

	private final Clock clock;

	private final ErasedKeys erasedKeys;

	FeedbackLog(FeedbackRows rows, CustomerDirectory customers, AuditLog audit, ApplicationEventPublisher events,
			BusinessTime businessTime, ErasedKeys erasedKeys, Clock clock) {
		this.erasedKeys = erasedKeys;
		this.rows = rows;
		this.customers = customers;
		this.audit = audit;
		this.events = events;
		this.businessZone = businessTime.zone();
		this.clock = clock;
	}

	/**
	 * Every rule the entry breaks as of now: {@link FeedbackRules} plus the one that
	 * needs the customer directory (a new customer reference needs a name). Lets a form
	 * or the API report all problems at once before storing.
	 */
	@Transactional(readOnly = true)
	public List<Violation> check(NewFeedback entry) {
		List<Violation> violations = new ArrayList<>(FeedbackRules.check(entry, clock.instant()));
		boolean referenceUsable = violations.stream().noneMatch(violation -> violation.field().equals("customerRef"));
		if (referenceUsable && isErased(entry)) {
			violations.add(FeedbackRules.erased());
			return violations;
		}
		if (referenceUsable && entry.customerName() == null
				&& customers.findByReference(entry.customerRef()).isEmpty()) {
			violations.add(customerNameRequired());
		}
		return violations;
	}

	/**
	 * Stores one entry, creating its customer when the reference is new.
	 * @throws InvalidFeedbackException when it breaks a rule (including an unknown
	 * customer without a name)
	 * @throws DuplicateFeedbackException when its external id is stored already
	 */
	public StoredFeedback log(NewFeedback entry) {
		return log(entry, SegmentScope.all());
	}

	/**
	 * {@link #log(NewFeedback)} by a user who sees the segments {@code scope}: a customer
	 * outside them is refused as a broken rule on {@code customerRef}.
	 */
	public StoredFeedback log(NewFeedback entry, SegmentScope scope) {
		requireOrigin(entry);
		validate(entry);
		if (entry.customerRef() != null
				&& erasedKeys.erased(List.of(entry.customerRef()), entryKeys(List.of(entry))).contains(entry)) {
			throw new ErasedFeedbackException();
		}
		// a reference naming an erased customer (erased-<id>) finds that customer
		Customer customer = customerOf(entry, scope);
		if (customer.isErased()) {
			throw new ErasedFeedbackException();
		}
		long id = rows.nextIds(1)[0];
		FeedbackRows.Row row = new FeedbackRows.Row(id, customer.getId(), entry, entry.negative(), clock.instant());
		if (rows.insert(List.of(row)).isEmpty()) {
			throw new DuplicateFeedbackException(existing(entry).orElseThrow());
		}
		StoredFeedback stored = stored(row, customer);
		events.publishEvent(FeedbackLogged.of(stored.entry()));
		return stored;
	}

	/**
	 * Stores one entry once per form submission: the same token a second time (a double
	 * click, a re-sent request) stores nothing and returns the entry of the first
	 * submission. A concurrent second submission waits for the first one's transaction.
	 */
	public StoredFeedback logOnce(UUID submissionToken, NewFeedback entry) {
		return logOnce(submissionToken, entry, SegmentScope.all());
	}

	/**
	 * {@link #logOnce(UUID, NewFeedback)} by a user who sees the segments {@code scope}.
	 */
	public StoredFeedback logOnce(UUID submissionToken, NewFeedback entry, SegmentScope scope) {
		Objects.requireNonNull(submissionToken, "submissionToken");
		validate(entry);
		if (!rows.claimSubmission(submissionToken)) {
			Optional<Long> first = rows.submittedFeedback(submissionToken);
			if (first.isPresent()) {
				return get(first.get());
			}
		}
		StoredFeedback stored = log(entry, scope);
		rows.completeSubmission(submissionToken, stored.id());
		return stored;
	}

	/**
	 * Stores many entries that passed {@link FeedbackRules} (an import batch) with a few
	 * statements, whatever the batch size: customers are found or created in bulk,
	 * entries whose external id or row hash is stored already are skipped, and one
	 * {@link FeedbackLogged} lists the stored entries. Entries that still break a rule
	 * are reported as rejected and the rest are stored.
	 */
	public BatchResult logBatch(List<NewFeedback> validatedEntries) {
		Instant now = clock.instant();
		List<BatchResult.Rejected> rejected = new ArrayList<>();
		Map<String, CustomerDetails> wantedCustomers = new LinkedHashMap<>();
		List<Integer> candidates = new ArrayList<>();
		ErasedKeys.Erased erased = erasedKeys.erased(
				validatedEntries.stream().map(NewFeedback::customerRef).filter(Objects::nonNull).toList(),
				entryKeys(validatedEntries));
		for (int i = 0; i < validatedEntries.size(); i++) {
			NewFeedback entry = validatedEntries.get(i);
			requireOrigin(entry);
			List<Violation> violations = FeedbackRules.check(entry, now);
			if (erased.contains(entry)) {
				// also when it breaks a rule: its cells must not be kept as a rejected
				// row
				rejected.add(new BatchResult.Rejected(i, List.of(FeedbackRules.erased())));
			}
			else if (violations.isEmpty()) {
				candidates.add(i);
				wantedCustomers.putIfAbsent(entry.customerRef(),
						CustomerDetails.of(entry.customerRef(), entry.customerName(), entry.segment()));
			}
			else {
				rejected.add(new BatchResult.Rejected(i, violations));
			}
		}
		Map<String, Long> customerIds = customers.findOrCreateAll(wantedCustomers.values());
		// a reference of the form an erased customer has (erased-<id>) names that
		// customer: nothing joins it
		Set<Long> erasedCustomers = customers.erasedAmong(customerIds.values());
		List<FeedbackRows.Row> batch = new ArrayList<>(candidates.size());
		List<Integer> batchIndexes = new ArrayList<>(candidates.size());
		for (int i : candidates) {
			NewFeedback entry = validatedEntries.get(i);
			Long customerId = customerIds.get(entry.customerRef());
			if (customerId != null && erasedCustomers.contains(customerId)) {
				rejected.add(new BatchResult.Rejected(i, List.of(FeedbackRules.erased())));
			}
			else if (customerId == null) {
				rejected.add(new BatchResult.Rejected(i, List.of(customerNameRequired())));
			}
			else {
				batch.add(new FeedbackRows.Row(0, customerId, entry, entry.negative(), now));
				batchIndexes.add(i);
			}
		}
		long[] ids = batch.isEmpty() ? new long[0] : rows.nextIds(batch.size());
		for (int i = 0; i < batch.size(); i++) {
			FeedbackRows.Row row = batch.get(i);
			batch.set(i, new FeedbackRows.Row(ids[i], row.customerId(), row.entry(), row.negative(), now));
		}
		Set<Long> inserted = rows.insert(batch);
		List<FeedbackLogged.Entry> stored = new ArrayList<>(inserted.size());
		List<Integer> storedIndexes = new ArrayList<>(inserted.size());
		List<Integer> skipped = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			FeedbackRows.Row row = batch.get(i);
			if (inserted.contains(row.id())) {
				stored.add(new FeedbackLogged.Entry(row.id(), row.customerId(), row.entry().receivedAt(),
						row.negative(), row.entry().source()));
				storedIndexes.add(batchIndexes.get(i));
			}
			else {
				skipped.add(batchIndexes.get(i));
			}
		}
		rejected.sort(Comparator.comparingInt(BatchResult.Rejected::index));
		if (!stored.isEmpty()) {
			events.publishEvent(new FeedbackLogged(stored, null, validatedEntries.get(0).importId()));
		}
		return new BatchResult(stored, storedIndexes, skipped, rejected);
	}

	/**
	 * Replaces the content of an entry (customer, time, channel, category, ratings,
	 * scores, incidents, comment); its source, external id and who logged it stay.
	 * Audited with before and after; publishes {@link FeedbackLogged} with the old entry
	 * as {@code corrected}. Saving the very same correction twice (a double click) is not
	 * an error; it changes nothing the second time.
	 * @throws FeedbackChangedException when the entry is no longer at
	 * {@code expectedVersion}
	 * @throws InvalidFeedbackException when the correction breaks a rule
	 */
	public StoredFeedback correct(long id, NewFeedback corrected, long expectedVersion, String actor) {
		return correct(id, corrected, expectedVersion, actor, SegmentScope.all());
	}

	/**
	 * {@link #correct(long, NewFeedback, long, String)} by a user who sees the segments
	 * {@code scope}: an entry of a customer outside them is not found, and it cannot be
	 * moved to such a customer.
	 */
	public StoredFeedback correct(long id, NewFeedback corrected, long expectedVersion, String actor,
			SegmentScope scope) {
		validate(corrected);
		StoredFeedback before = rows.findForUpdate(id)
			.filter(entry -> scope.includes(entry.customerSegment()))
			.orElseThrow(() -> new NotFoundException("feedback " + id));
		boolean unchanged = describe(before).equals(describe(corrected.customerRef(), corrected));
		if (before.version() != expectedVersion) {
			if (unchanged) {
				return before;
			}
			throw new FeedbackChangedException(before);
		}
		if (unchanged) {
			return before;
		}
		Customer customer = customerOf(corrected, scope);
		if (customer.isErased() || isErased(corrected)) {
			// the entry stays anonymous: no text about the person is written back
			throw new ErasedFeedbackException();
		}
		boolean negative = corrected.negative();
		if (!rows.update(id, expectedVersion, customer.getId(), corrected, negative)) {
			throw new FeedbackChangedException(before);
		}
		StoredFeedback after = get(id);
		audit.record(actor, AuditType.FEEDBACK_CORRECTED, auditSubject(id), changedFields(before, after),
				describe(before), describe(after));
		events.publishEvent(new FeedbackLogged(List.of(after.entry()), before.entry()));
		return after;
	}

	@Transactional(readOnly = true)
	public Optional<StoredFeedback> find(long id) {
		return rows.find(id);
	}

	@Transactional(readOnly = true)
	public StoredFeedback get(long id) {
		return rows.find(id).orElseThrow(() -> new NotFoundException("feedback " + id));
	}

	/**
	 * The entry when its customer is in {@code scope}; else a 404, so as not to reveal it
	 * exists.
	 */
	@Transactional(readOnly = true)
	public StoredFeedback get(long id, SegmentScope scope) {
		return rows.find(id)
			.filter(entry -> scope.includes(entry.customerSegment()))
			.orElseThrow(() -> new NotFoundException("feedback " + id));
	}

	@Transactional(readOnly = true)
	public Optional<StoredFeedback> findByExternalId(String externalId) {
		return rows.findByExternalId(externalId);
	}

	/** One page (from 0) of the entries matching the filter, newest first. */
	@Transactional(readOnly = true)
	public Page<StoredFeedback> search(FeedbackFilter filter, int page, int size) {
		if (page < 0 || size < 1) {
			throw new IllegalArgumentException("page " + page + " of size " + size);
		}
		return rows.search(filter, page, size);
	}

	/**
	 * Hands every matching entry, newest first, to {@code sink} while reading (for
	 * exports of any size).
	 */
	@Transactional(readOnly = true)
	public void export(FeedbackFilter filter, Consumer<StoredFeedback> sink) {
		rows.stream(filter, sink);
	}

	/** The customer's latest entries, newest first (for the customer page's timeline). */
	@Transactional(readOnly = true)
	public List<StoredFeedback> latestForCustomer(long customerId, int limit) {
		return rows.latestForCustomer(customerId, limit);
	}

	/**
	 * Every entry of the customer, oldest first, with its comment and incidents (personal
	 * data exports).
	 */
	@Transactional(readOnly = true)
	public List<StoredFeedback> allOfCustomer(long customerId) {
		return rows.allForCustomer(customerId);
	}

	/**
	 * Erases the personal data in the customer's feedback: comments, incident
	 * explanations and the entries' keys (external id, row hash) are emptied, and the
	 * audit events of their corrections lose their before and after texts. Ratings,
	 * scores, channel, category, times and incident types stay, so every trust score
	 * stays the same. Publishes {@link FeedbackCommentsEmptied} for the customer's
	 * entries. The caller holds the customer's erasure lock.
	 * @param customerRef the reference the customer has until its own erasure
	 * (corrections name it)
	 * @return the external ids and row hashes the entries had (to be kept out of later
	 * imports)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public EntryKeys erasePersonalData(long customerId, String customerRef) {
		List<String> externalIds = new ArrayList<>();
		List<String> rowHashes = new ArrayList<>();
		for (String[] pair : rows.keysOfCustomer(customerId)) {
			if (pair[0] != null) {
				externalIds.add(pair[0]);
			}
			if (pair[1] != null) {
				rowHashes.add(pair[1]);
			}
		}
		List<Long> ids = rows.idsOfCustomer(customerId);
		List<String> subjects = ids.stream().map(FeedbackLog::auditSubject).toList();
		rows.eraseCustomerTexts(customerId);
		if (!ids.isEmpty()) {
			events.publishEvent(new FeedbackCommentsEmptied(ids));
		}
		audit.redact(subjects, List.of(correctionMention(customerRef)), null);
		return new EntryKeys(externalIds, rowHashes);
	}

	/**
	 * The keys of erased entries: their external ids and the row hashes of those without
	 * one.
	 */
	public record EntryKeys(List<String> externalIds, List<String> rowHashes) {

		public EntryKeys {
			externalIds = List.copyOf(externalIds);
			rowHashes = List.copyOf(rowHashes);
		}

	}

	/**
	 * How a correction's before or after text names the customer (see {@code describe}).
	 */
	public static String correctionMention(String customerRef) {
		return "customer: " + customerRef + "\n";
	}

	/**
	 * The audit events of the customer's feedback (corrections), for exports of personal
	 * data.
	 */
	@Transactional(readOnly = true)
	public List<String> auditSubjectsOf(long customerId) {
		return rows.idsOfCustomer(customerId).stream().map(FeedbackLog::auditSubject).toList();
	}

	/**
	 * Comments and incident explanations of entries received before {@code instant}
	 * (retention preview).
	 */
	@Transactional(readOnly = true)
	public long countTextsBefore(Instant instant) {
		return rows.countTextsBefore(instant);
	}

	/**
	 * Empties comments and incident explanations of entries received before
	 * {@code instant} (retention); publishes {@link FeedbackCommentsEmptied} for the
	 * emptied comments.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long emptyTextsBefore(Instant instant) {
		FeedbackRows.EmptiedTexts emptied = rows.emptyTextsBefore(instant);
		if (!emptied.comments().isEmpty()) {
			events.publishEvent(new FeedbackCommentsEmptied(emptied.comments()));
		}
		return emptied.texts();
	}

	/**
	 * The customers with feedback received at or after {@code instant} (retention of
	 * inactive customers).
	 */
	@Transactional(readOnly = true)
	public Set<Long> customersWithFeedbackSince(Instant instant) {
		return rows.customersWithFeedbackSince(instant);
	}

	private static String auditSubject(long id) {
		return "feedback " + id;
	}

	private boolean isErased(NewFeedback entry) {
		if (entry.customerRef() == null) {
			return false;
		}
		return erasedKeys.erased(List.of(entry.customerRef()), entryKeys(List.of(entry))).contains(entry)
				|| customers.findByReference(entry.customerRef()).map(Customer::isErased).orElse(false);
	}

	private static List<String> entryKeys(List<NewFeedback> entries) {
		List<String> keys = new ArrayList<>();
		for (NewFeedback entry : entries) {
			if (entry.externalId() != null) {
				keys.add(entry.externalId());
			}
			if (entry.rowHash() != null) {
				keys.add(entry.rowHash());
			}
		}
		return keys;
	}

	private void validate(NewFeedback entry) {
		List<Violation> violations = FeedbackRules.check(entry, clock.instant());
		if (!violations.isEmpty()) {
			throw new InvalidFeedbackException(violations);
		}
	}

	private static void requireOrigin(NewFeedback entry) {
		Objects.requireNonNull(entry.source(), "source");
		Objects.requireNonNull(entry.loggedBy(), "loggedBy");
	}

	private Customer customerOf(NewFeedback entry, SegmentScope scope) {
		try {
			return customers.findOrCreate(entry.customerRef(), entry.customerName(), entry.segment(), scope);
		}
		catch (CustomerNameRequiredException ex) {
			throw new InvalidFeedbackException(List.of(customerNameRequired()));
		}
		catch (CustomerOutOfScopeException ex) {
			throw new InvalidFeedbackException(List.of(new Violation("customerRef", CUSTOMER_OUT_OF_SCOPE)));
		}
	}

	/**
	 * The message key of a customer outside the user's segments (docs/segment-scopes.md).
	 */
	public static final String CUSTOMER_OUT_OF_SCOPE = "access.scope.customerOutside";

	private static Violation customerNameRequired() {
		return new Violation("customerName", FeedbackRules.CUSTOMER_NAME_REQUIRED);
	}

	private Optional<StoredFeedback> existing(NewFeedback entry) {
		Optional<StoredFeedback> byExternalId = entry.externalId() == null ? Optional.empty()
				: rows.findByExternalId(entry.externalId());
		return byExternalId.isPresent() || entry.rowHash() == null ? byExternalId : rows.findByRowHash(entry.rowHash());
	}

	private static StoredFeedback stored(FeedbackRows.Row row, Customer customer) {
		NewFeedback entry = row.entry();
		return new StoredFeedback(row.id(), customer.getId(), customer.getReference(), customer.getName(),
				customer.getSegment(), entry.receivedAt(), entry.channel(), entry.category(), entry.ratings(),
				entry.nps(), entry.csat(), entry.ces(), entry.incidents(), entry.comment(), row.negative(),
				entry.externalId(), entry.source(), entry.loggedBy(), row.loggedAt(), entry.importId(), 0);
	}

	/**
	 * The correctable fields as readable lines ("field: value"), for the audit log and
	 * change detection.
	 */
	private String describe(StoredFeedback entry) {
		return describe(entry.customerRef(), entry.toNewFeedback());
	}

	private String describe(String customerRef, NewFeedback entry) {
		Map<String, String> fields = fields(customerRef, entry);
		StringBuilder text = new StringBuilder();
		fields.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
		return text.toString().strip();
	}

	private Map<String, String> fields(String customerRef, NewFeedback entry) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("customer", customerRef);
		fields.put("receivedAt",
				DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(entry.receivedAt().atZone(businessZone)));
		fields.put("channel", entry.channel().name());
		fields.put("category", entry.category().name());
		for (Signal signal : Signal.values()) {
			fields.put(signal.key(), valueOrDash(entry.ratings().get(signal)));
		}
		fields.put("nps", valueOrDash(entry.nps()));
		fields.put("csat", valueOrDash(entry.csat()));
		fields.put("ces", valueOrDash(entry.ces()));
		List<String> incidents = new ArrayList<>();
		entry.incidents()
			.forEach((type, note) -> incidents.add(note == null ? type.name() : type.name() + " (" + note + ")"));
		fields.put("incidents", incidents.isEmpty() ? "-" : String.join("; ", incidents));
		fields.put("comment", entry.comment() == null ? "-" : entry.comment());
		return fields;
	}

	private String changedFields(StoredFeedback before, StoredFeedback after) {
		Map<String, String> old = fields(before.customerRef(), before.toNewFeedback());
		Map<String, String> now = fields(after.customerRef(), after.toNewFeedback());
		List<String> changed = old.keySet()
			.stream()
			.filter(name -> !Objects.equals(old.get(name), now.get(name)))
			.toList();
		return "changed: " + String.join(", ", changed);
	}

	private static String valueOrDash(Object value) {
		return value == null ? "-" : value.toString();
	}

}
