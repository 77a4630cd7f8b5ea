package io.shinrai.customer;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.DefaultLanguage;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * The customers Shinrai knows: lookup by id or CRM reference, creation and editing by
 * managers, and the find-or-create that feedback capture (form, API, import) uses for
 * customers it has not seen yet.
 * <p>
 * Inserts go through {@code insert ... on conflict (reference) do nothing}: two requests
 * creating the same reference at the same moment end with one customer, and the loser
 * gets a clear answer instead of an aborted transaction.
 */
@Service
@Transactional
public class CustomerDirectory {

	private final CustomerRepository customers;

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final DefaultLanguage defaultLanguage;

	private final EntityManager entityManager;

	private final Clock clock;

	CustomerDirectory(CustomerRepository customers, JdbcClient jdbc, AuditLog audit, DefaultLanguage defaultLanguage,
			EntityManager entityManager, Clock clock) {
		this.entityManager = entityManager;
		this.clock = clock;
		this.customers = customers;
		this.jdbc = jdbc;
		this.audit = audit;
		this.defaultLanguage = defaultLanguage;
	}

	/**
	 * The language ({@code ja} or {@code en}) this customer is addressed in: its own, or
	 * the default language.
	 */
	public String language(Customer customer) {
		return defaultLanguage.resolve(customer.getLanguage());
	}

	/** The language new customers are addressed in unless another is chosen. */
	public String defaultLanguage() {
		return defaultLanguage.defaultLanguage();
	}

	@Transactional(readOnly = true)
	public Optional<Customer> find(long id) {
		return customers.findById(id);
	}

	@Transactional(readOnly = true)
	public Customer get(long id) {
		return customers.findById(id).orElseThrow(() -> new NotFoundException("customer " + id));
	}

	@Transactional(readOnly = true)
	public Optional<Customer> findByReference(String reference) {
		String normalised = CustomerKeys.normalise(reference);
		if (normalised == null) {
			return Optional.empty();
		}
		// a customer stored before references were normalised keeps its spelling until it
		// is merged into its twin
		return customers.findByReference(normalised).or(() -> customers.findByReference(reference.strip()));
	}

	/**
	 * The segments customers are in, in order: for choosing one consistently and for
	 * filters and breakdowns.
	 */
	@Transactional(readOnly = true)
	public List<String> segments() {
		// one index probe per segment instead of reading every customer (a "loose index
		// scan")
		return jdbc
			.sql("""
					with recursive s(segment) as (
					    select min(segment) from customer where segment <> ''
					    union all
					    select (select min(c.segment) from customer c where c.segment > s.segment) from s where s.segment is not null
					)
					select segment from s where segment is not null
					""")
			.query(String.class)
			.list();
	}

	/**
	 * The customer, when it exists and is in {@code scope}: else a 404, so as not to
	 * reveal it exists.
	 */
	@Transactional(readOnly = true)
	public Customer get(long id, SegmentScope scope) {
		return find(id).filter(customer -> scope.includes(customer.getSegment()))
			.orElseThrow(() -> new NotFoundException("customer " + id));
	}

	/** The customer with this reference when it is in {@code scope}. */
	@Transactional(readOnly = true)
	public Optional<Customer> findByReference(String reference, SegmentScope scope) {
		return findByReference(reference).filter(customer -> scope.includes(customer.getSegment()));
	}

	/**
	 * The segments of {@link #segments()} in {@code scope}: what "all segments" means to
	 * its user.
	 */
	@Transactional(readOnly = true)
	public List<String> segments(SegmentScope scope) {
		return scope.filter(segments());
	}

	/** {@link #suggest(String, int)} among the customers in {@code scope}. */
	@Transactional(readOnly = true)
	public List<Customer> suggest(String query, int limit, SegmentScope scope) {
		if (scope.isAll()) {
			return suggest(query, limit);
		}
		String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
		List<Long> ids = jdbc.sql("select id from customer where erased_at is null and " + scope.sql("segment")
				+ " and (:text = '' or lower(reference) like :prefix escape '\\' or lower(name) like :infix escape '\\')"
				+ " order by case when :text = '' then created_at end desc, (lower(reference) = :text) desc,"
				+ " lower(reference) like :prefix escape '\\' desc, reference limit :limit")
			.param("text", text)
			.param("prefix", escapeLike(text) + "%")
			.param("infix", "%" + escapeLike(text) + "%")
			.param("limit", limit)
			.params(scope.params())
			.query(Long.class)
			.list();
		Map<Long, Customer> found = new HashMap<>();
		customers.findAllById(ids).forEach(customer -> found.put(customer.getId(), customer));
		return ids.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	/**
	 * {@link #findOrCreate(String, String, String)} for a user limited to {@code scope}.
	 * @throws CustomerOutOfScopeException when the customer exists outside the scope, or
	 * would be created in a segment outside it
	 */
	public Customer findOrCreate(String reference, String name, String segment, SegmentScope scope) {
		if (scope.isAll()) {
			return findOrCreate(reference, name, segment);
		}
		CustomerDetails details = CustomerDetails.of(reference, name, segment);
		Optional<Customer> existing = customers.findByReference(details.reference());
		if (existing.isPresent() ? !scope.includes(existing.get().getSegment()) : !scope.includes(details.segment())) {
			throw new CustomerOutOfScopeException(details.reference());
		}
		return findOrCreate(reference, name, segment);
	}

	/**
	 * {@link #create(CustomerDetails, String)} by a user limited to {@code scope}.
	 * @throws CustomerOutOfScopeException when the segment is outside the scope
	 */
	public Customer create(CustomerDetails details, String actor, SegmentScope scope) {
		if (!scope.includes(details.segment())) {
			throw new CustomerOutOfScopeException(details.reference());
		}
		return create(details, actor);
	}

	/**
	 * {@link #update(long, CustomerDetails, long, String)} by a user limited to
	 * {@code scope}: a customer outside it is not found, and it cannot be moved out of
	 * it.
	 * @throws CustomerOutOfScopeException when the new segment is outside the scope
	 */
	public Customer update(long id, CustomerDetails details, long expectedVersion, String actor, SegmentScope scope) {
		Customer customer = get(id, scope);
		if (!scope.includes(details.segment())) {
			throw new CustomerOutOfScopeException(customer.getReference());
		}
		return update(id, details, expectedVersion, actor);
	}

	/** The most recently created customers, for pickers before anything is typed. */
	@Transactional(readOnly = true)
	public List<Customer> recent(int limit) {
		return customers.findTop20ByOrderByCreatedAtDesc().stream().limit(limit).toList();
	}

	/**
	 * Customers whose reference starts with, or whose name contains, the query
	 * (case-insensitive), for pickers.
	 */
	@Transactional(readOnly = true)
	public List<Customer> suggest(String query, int limit) {
		String text = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
		if (text.isEmpty()) {
			return recent(limit);
		}
		List<Long> ids = jdbc
			.sql("""
					select id from customer
					where erased_at is null and (lower(reference) like :prefix escape '\\' or lower(name) like :infix escape '\\')
					order by (lower(reference) = :exact) desc, lower(reference) like :prefix escape '\\' desc, reference
					limit :limit
					""")
			.param("prefix", escapeLike(text) + "%")
			.param("infix", "%" + escapeLike(text) + "%")
			.param("exact", text)
			.param("limit", limit)
			.query(Long.class)
			.list();
		Map<Long, Customer> found = new HashMap<>();
		customers.findAllById(ids).forEach(customer -> found.put(customer.getId(), customer));
		return ids.stream().map(found::get).filter(Objects::nonNull).toList();
	}

	/**
	 * The customer with this reference, created with the name and segment when it does
	 * not exist yet. An existing customer is returned unchanged (its name and segment are
	 * not overwritten).
	 * @throws CustomerNameRequiredException when the reference is unknown and no name is
	 * given
	 */
	public Customer findOrCreate(String reference, String name, String segment) {
		CustomerDetails details = CustomerDetails.of(reference, name, segment);
		Optional<Customer> existing = customers.findByReference(details.reference());
		if (existing.isPresent()) {
			return existing.get();
		}
		if (details.name() == null) {
			throw new CustomerNameRequiredException(details.reference());
		}
		insertIfAbsent(details);
		return customers.findByReference(details.reference()).orElseThrow();
	}

	/**
	 * Finds or creates many customers in two statements (for imports). Returns the id of
	 * every customer by reference; references that are unknown and come without a name
	 * are left out.
	 */
	public Map<String, Long> findOrCreateAll(Collection<CustomerDetails> wanted) {
		Map<String, CustomerDetails> byReference = new LinkedHashMap<>();
		for (CustomerDetails details : wanted) {
			byReference.putIfAbsent(details.reference(), details);
		}
		if (byReference.isEmpty()) {
			return Map.of();
		}
		Map<String, Long> ids = idsByReference(byReference.keySet());
		List<CustomerDetails> missing = byReference.values()
			.stream()
			.filter(details -> !ids.containsKey(details.reference()) && details.name() != null)
			// in one order for every transaction, so that concurrent batches creating the
			// same customers wait for
			// each other instead of deadlocking
			.sorted(Comparator.comparing(CustomerDetails::reference))
			.toList();
		if (!missing.isEmpty()) {
			jdbc.sql(
					"""
							insert into customer (reference, name, segment, language, created_at)
							select r, n, coalesce(s, ''), ?, ? from unnest(cast(? as varchar[]), cast(? as varchar[]), cast(? as varchar[])) as t(r, n, s)
							on conflict (reference) do nothing
							""")
				.param(defaultLanguage.defaultLanguage())
				.param(Timestamp.from(clock.instant()))
				.param(missing.stream().map(CustomerDetails::reference).toArray(String[]::new))
				.param(missing.stream().map(CustomerDetails::name).toArray(String[]::new))
				.param(missing.stream().map(CustomerDetails::segment).toArray(String[]::new))
				.update();
			// also picks up customers another transaction created meanwhile
			ids.putAll(idsByReference(missing.stream().map(CustomerDetails::reference).toList()));
		}
		return ids;
	}

	/**
	 * Creates a customer for a manager.
	 * @throws DuplicateReferenceException when the reference is taken, also by a
	 * concurrent request
	 */
	public Customer create(CustomerDetails details, String actor) {
		if (!insertIfAbsent(details)) {
			throw new DuplicateReferenceException(details.reference());
		}
		Customer customer = customers.findByReference(details.reference()).orElseThrow();
		audit.record(actor, AuditType.CUSTOMER_CREATED, subject(customer), null, null, describe(customer));
		return customer;
	}

	/**
	 * Changes a customer's name, segment and e-mail address (the reference is the CRM's
	 * key and never changes).
	 * @throws CustomerChangedException when the customer was saved by someone else since
	 * {@code expectedVersion}
	 */
	public Customer update(long id, CustomerDetails details, long expectedVersion, String actor) {
		Customer customer = get(id);
		if (customer.isErased()) {
			// nothing personal may be written back; its segment stays as the scores were
			// computed
			throw new NotFoundException("customer " + id);
		}
		if (customer.getVersion() != expectedVersion) {
			throw new CustomerChangedException(id);
		}
		String before = describe(customer);
		customer.update(details.name(), details.segment(), details.email(), details.language());
		// a save that raced past the version check above fails here with an optimistic
		// locking failure
		customers.flush();
		String after = describe(customer);
		if (!before.equals(after)) {
			audit.record(actor, AuditType.CUSTOMER_UPDATED, subject(customer), null, before, after);
		}
		return customer;
	}

	/**
	 * Locks the customer's row until the caller's transaction ends, so that two erasures
	 * of one customer run one after the other (the second then finds it erased). Empty
	 * when there is no such customer.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Customer> lockForErasure(long id) {
		List<Long> locked = jdbc.sql("select id from customer where id = ? for update")
			.param(id)
			.query(Long.class)
			.list();
		if (locked.isEmpty()) {
			return Optional.empty();
		}
		Optional<Customer> customer = customers.findById(id);
		// the row as it is now, after any erasure this lock waited for
		customer.ifPresent(entityManager::refresh);
		return customer;
	}

	/**
	 * Erases the customer's personal data: the name becomes {@code label}, the e-mail
	 * address goes, the CRM reference becomes {@value #ERASED_REFERENCE_PREFIX} and the
	 * id, and the audit events about the customer lose their before and after texts.
	 * Segment and language stay (the scores per segment must not change), and so does the
	 * row, which the customer's anonymous feedback still belongs to. The caller holds
	 * {@link #lockForErasure}.
	 * @return the reference the customer had
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public String erase(long id, String label, Instant at) {
		Customer customer = get(id);
		String oldReference = customer.getReference();
		String newReference = erasedReference(id);
		jdbc.sql("""
				update customer set reference = :reference, name = :name, email = null, erased_at = :at,
				       version = version + 1
				where id = :id
				""")
			.param("reference", newReference)
			.param("name", label)
			.param("at", Timestamp.from(at))
			.param("id", id)
			.update();
		entityManager.detach(customer);
		audit.redact(List.of(subject(oldReference)), List.of(), subject(newReference));
		return oldReference;
	}

	/** The reference an erased customer gets: neutral, unique, and never a CRM's. */
	public static String erasedReference(long id) {
		return ERASED_REFERENCE_PREFIX + id;
	}

	public static final String ERASED_REFERENCE_PREFIX = "erased-";

	/** The audit log's subject for events about the customer with this reference. */
	public static String auditSubject(String reference) {
		return subject(reference);
	}

	/** The erased customers among these ids. */
	@Transactional(readOnly = true)
	public Set<Long> erasedAmong(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(jdbc
			.sql("select c.id from customer c join unnest(cast(? as bigint[])) as i(id) on c.id = i.id"
					+ " where c.erased_at is not null")
			.param(ids.toArray(Long[]::new))
			.query(Long.class)
			.list());
	}

	/**
	 * Customers not erased yet that were created before {@code instant} (candidates of
	 * the retention rule).
	 */
	@Transactional(readOnly = true)
	public List<Long> notErasedCreatedBefore(Instant instant) {
		return jdbc.sql("select id from customer where erased_at is null and created_at < ? order by id")
			.param(Timestamp.from(instant))
			.query(Long.class)
			.list();
	}

	private boolean insertIfAbsent(CustomerDetails details) {
		return jdbc.sql("""
				insert into customer (reference, name, segment, email, language, created_at)
				values (:reference, :name, :segment, :email, :language, :at)
				on conflict (reference) do nothing
				""")
			.param("reference", details.reference())
			.param("email", details.email())
			.param("language", defaultLanguage.resolve(details.language()))
			.param("name", details.name())
			.param("segment", details.segment() == null ? "" : details.segment())
			.param("at", Timestamp.from(clock.instant()))
			.update() == 1;
	}

	private Map<String, Long> idsByReference(Collection<String> references) {
		Map<String, Long> ids = new HashMap<>();
		// a join, not "reference = any(?)": with a bound array PostgreSQL compares every
		// row with every element
		jdbc.sql("select c.id, c.reference from customer c join unnest(cast(? as varchar[])) as r(reference)"
				+ " on c.reference = r.reference")
			.param(references.toArray(String[]::new))
			.query((rs, row) -> ids.put(rs.getString("reference"), rs.getLong("id")))
			.list();
		return ids;
	}

	private static String subject(Customer customer) {
		return subject(customer.getReference());
	}

	private static String subject(String reference) {
		return "customer " + reference;
	}

	/**
	 * A readable record of the customer's fields, for the audit log's before and after.
	 */
	private String describe(Customer customer) {
		return "reference: " + customer.getReference() + "\nname: " + customer.getName() + "\nsegment: "
				+ customer.getSegment() + "\nemail: " + (customer.getEmail() == null ? "" : customer.getEmail())
				+ "\nlanguage: " + language(customer);
	}

	static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
