package io.shinrai.customer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.AdvisoryLocks;

/**
 * Merges customers who are one customer (references that differ only in width, like
 * {@code Ｃ－０００００２} and {@code C-000002}, or a typo) and segments that are one segment. A
 * customer merge moves every row of the absorbed customers to the survivor through each
 * module's {@link MergeParticipant} (entries, cases, promises, survey links,
 * notifications; the trust sums are derived again as if every entry had been logged for
 * the survivor) and then deletes the absorbed customers; a segment merge moves the
 * customers of the absorbed segments and what modules keep per segment (user scopes,
 * comment counts). Each merge is one transaction under the
 * {@link AdvisoryLocks#CUSTOMER_MERGES merge lock} with the customers' rows locked, is
 * audited, and is refused before anything moves when it cannot be done as asked.
 */
@Service
@Transactional
public class CustomerMerges {

	/** Most duplicate groups listed at once (the rest after merging these). */
	public static final int GROUP_LIMIT = 100;

	/** Most customers or segments one request may absorb. */
	public static final int ABSORBED_LIMIT = 20;

	private static final String KEY_SQL = "regexp_replace(normalize(%s, NFKC), '^\\s+|\\s+$', '', 'g')";

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final List<MergeParticipant> participants;

	private final EntityManager entityManager;

	CustomerMerges(JdbcClient jdbc, AuditLog audit, List<MergeParticipant> participants, EntityManager entityManager) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.entityManager = entityManager;
		// moving first, deriving numbers from the moved rows after
		this.participants = participants.stream().sorted(Comparator.comparing(MergeParticipant::phase)).toList();
	}

	/** A customer as a merge shows it, with what each module holds about it. */
	public record Member(long id, String reference, String name, String segment, String email, String language,
			Map<String, Long> rows) {
	}

	/**
	 * Customers whose references are equal once normalised; {@code survivorId} suggested.
	 */
	public record CustomerGroup(String key, List<Member> members, long survivorId) {
	}

	/** A segment as a merge shows it: its customers and what modules keep for it. */
	public record SegmentMember(String segment, Map<String, Long> rows) {
	}

	/**
	 * Segments equal once normalised; {@code survivor} (the normalised spelling)
	 * suggested.
	 */
	public record SegmentGroup(String key, List<SegmentMember> members, String survivor) {
	}

	/**
	 * Merge {@code absorbedRefs} into {@code survivorRef}; the survivor keeps its name,
	 * e-mail and language unless {@code detailsFromRef} names one of the absorbed
	 * customers to take them from.
	 */
	public record CustomerMergeRequest(String survivorRef, List<String> absorbedRefs, String detailsFromRef) {
	}

	/**
	 * What a customer merge moves: checked, nothing changed yet (or done, after a merge).
	 */
	public record CustomerMergePlan(Member survivor, List<Member> absorbed, Member detailsFrom) {

		/** The counts of every absorbed customer together, by message key. */
		public Map<String, Long> moved() {
			return total(absorbed.stream().map(Member::rows).toList());
		}

	}

	/**
	 * Merge the segments {@code absorbed} into {@code survivor} (any valid segment name).
	 */
	public record SegmentMergeRequest(String survivor, List<String> absorbed) {
	}

	/** What a segment merge moves. */
	public record SegmentMergePlan(SegmentMember survivor, List<SegmentMember> absorbed) {

		public Map<String, Long> moved() {
			return total(absorbed.stream().map(SegmentMember::rows).toList());
		}

	}

	/**
	 * Customers whose references are the same once normalised, the largest groups first.
	 */
	@Transactional(readOnly = true)
	public List<CustomerGroup> duplicateCustomers() {
		Map<String, List<Long>> groups = new LinkedHashMap<>();
		jdbc.sql("""
				select key, id from (
				    select id, %s as key, count(*) over (partition by %s) as n
				    from customer where erased_at is null) c
				where n > 1
				order by n desc, key, id
				limit :limit
				""".formatted(KEY_SQL.formatted("reference"), KEY_SQL.formatted("reference")))
			.param("limit", GROUP_LIMIT * 4)
			.query((rs, row) -> groups.computeIfAbsent(rs.getString("key"), key -> new ArrayList<>())
				.add(rs.getLong("id")))
			.list();
		List<CustomerGroup> result = new ArrayList<>();
		groups.forEach((key, ids) -> {
			if (ids.size() < 2 || result.size() >= GROUP_LIMIT) {
				return;
			}
			List<Member> members = ids.stream().map(this::member).flatMap(Optional::stream).toList();
			long survivor = members.stream()
				.filter(member -> member.reference().equals(key))
				.findFirst()
				.orElse(members.get(0))
				.id();
			result.add(new CustomerGroup(key, members, survivor));
		});
		return result;
	}

	/** Segments that are the same once normalised. */
	@Transactional(readOnly = true)
	public List<SegmentGroup> duplicateSegments() {
		Map<String, List<String>> groups = new LinkedHashMap<>();
		jdbc.sql("""
				select key, segment from (
				    select segment, %s as key, count(*) over (partition by %s) as n
				    from customer where segment <> '' group by segment) s
				where n > 1
				order by key, segment
				""".formatted(KEY_SQL.formatted("segment"), KEY_SQL.formatted("segment")))
			.query((rs, row) -> groups.computeIfAbsent(rs.getString("key"), key -> new ArrayList<>())
				.add(rs.getString("segment")))
			.list();
		List<SegmentGroup> result = new ArrayList<>();
		groups.forEach((key, segments) -> result
			.add(new SegmentGroup(key, segments.stream().map(this::segmentMember).toList(), key)));
		return result.stream().limit(GROUP_LIMIT).toList();
	}

	/**
	 * What merging as asked would move, checked as the merge checks it.
	 * @throws MergeRefusedException when the merge would be refused
	 */
	@Transactional(readOnly = true)
	public CustomerMergePlan planCustomers(CustomerMergeRequest request) {
		return plan(request, false);
	}

	/**
	 * Merges the customers as asked and returns what moved.
	 * @throws MergeRefusedException when it cannot be done as asked; nothing changed
	 */
	public CustomerMergePlan mergeCustomers(CustomerMergeRequest request, String actor) {
		lock();
		CustomerMergePlan plan = plan(request, true);
		Member survivor = plan.survivor();
		if (plan.detailsFrom().id() != survivor.id()) {
			Member from = plan.detailsFrom();
			jdbc.sql("update customer set name = ?, email = ?, language = ?, version = version + 1 where id = ?")
				.params(from.name(), from.email(), from.language(), survivor.id())
				.update();
		}
		for (Member absorbed : plan.absorbed()) {
			for (MergeParticipant participant : participants) {
				participant.moveCustomer(absorbed.id(), survivor.id());
			}
			jdbc.sql("delete from customer where id = ?").param(absorbed.id()).update();
			audit.record(actor, AuditType.CUSTOMERS_MERGED, "customer " + survivor.reference(),
					"Merged customer " + absorbed.reference() + " into " + survivor.reference(), describe(absorbed),
					null);
		}
		// the persistence context may hold the customers as they were
		entityManager.clear();
		return plan;
	}

	/**
	 * What merging the segments as asked would move.
	 * @throws MergeRefusedException when the merge would be refused
	 */
	@Transactional(readOnly = true)
	public SegmentMergePlan planSegments(SegmentMergeRequest request) {
		return plan(request);
	}

	/**
	 * Moves every customer of the absorbed segments, and what modules keep per segment,
	 * to the survivor.
	 * @throws MergeRefusedException when it cannot be done as asked; nothing changed
	 */
	public SegmentMergePlan mergeSegments(SegmentMergeRequest request, String actor) {
		lock();
		SegmentMergePlan plan = plan(request);
		String survivor = plan.survivor().segment();
		for (SegmentMember absorbed : plan.absorbed()) {
			// row by row in id order (the trust sums follow each customer to its new
			// segment), locked like any edit of a customer
			jdbc.sql("select id from customer where segment = ? order by id for update")
				.param(absorbed.segment())
				.query(Long.class)
				.list();
			jdbc.sql("update customer set segment = ?, version = version + 1 where segment = ?")
				.params(survivor, absorbed.segment())
				.update();
			for (MergeParticipant participant : participants) {
				participant.moveSegment(absorbed.segment(), survivor);
			}
			audit.record(actor, AuditType.SEGMENTS_MERGED, "segment:" + survivor,
					"Merged segment " + absorbed.segment() + " into " + survivor, describe(absorbed.rows()), null);
		}
		entityManager.clear();
		return plan;
	}

	private void lock() {
		jdbc.sql("select pg_advisory_xact_lock(?)").param(AdvisoryLocks.CUSTOMER_MERGES).query((rs, row) -> 1).list();
	}

	private CustomerMergePlan plan(CustomerMergeRequest request, boolean lockRows) {
		Member survivor = find(request.survivorRef(), "survivor");
		List<String> absorbedRefs = request.absorbedRefs() == null ? List.of()
				: request.absorbedRefs().stream().filter(ref -> ref != null && !ref.isBlank()).toList();
		if (absorbedRefs.isEmpty()) {
			throw new MergeRefusedException("absorbed", "merge.refused.absorbedMissing");
		}
		if (absorbedRefs.size() > ABSORBED_LIMIT) {
			throw new MergeRefusedException("absorbed", "merge.refused.tooMany", ABSORBED_LIMIT);
		}
		Map<Long, Member> absorbed = new LinkedHashMap<>();
		for (String ref : absorbedRefs) {
			Member member = find(ref, "absorbed");
			if (member.id() == survivor.id()) {
				throw new MergeRefusedException("absorbed", "merge.refused.sameCustomer", member.reference());
			}
			absorbed.put(member.id(), member);
		}
		if (lockRows) {
			Set<Long> ids = new LinkedHashSet<>(absorbed.keySet());
			ids.add(survivor.id());
			List<Long> locked = jdbc
				.sql("select id from customer where id = any(?) and erased_at is null order by id for update")
				.param(ids.stream().sorted().toArray(Long[]::new))
				.query(Long.class)
				.list();
			if (locked.size() != ids.size()) {
				// erased or merged by someone else meanwhile
				throw new MergeRefusedException("absorbed", "merge.refused.changedMeanwhile");
			}
		}
		for (Member member : absorbed.values()) {
			for (MergeParticipant participant : participants) {
				participant.checkCustomers(member.id(), survivor.id());
			}
		}
		Member detailsFrom = survivor;
		if (request.detailsFromRef() != null && !request.detailsFromRef().isBlank()) {
			Member wanted = find(request.detailsFromRef(), "detailsFrom");
			if (wanted.id() != survivor.id() && !absorbed.containsKey(wanted.id())) {
				throw new MergeRefusedException("detailsFrom", "merge.refused.detailsFromOutside", wanted.reference());
			}
			detailsFrom = wanted;
		}
		return new CustomerMergePlan(survivor, List.copyOf(absorbed.values()), detailsFrom);
	}

	private SegmentMergePlan plan(SegmentMergeRequest request) {
		String survivor = CustomerKeys.normalise(request.survivor());
		if (survivor == null) {
			throw new MergeRefusedException("survivor", "merge.refused.segmentMissing");
		}
		if (survivor.length() > Customer.MAX_SEGMENT) {
			throw new MergeRefusedException("survivor", "merge.refused.segmentTooLong", Customer.MAX_SEGMENT);
		}
		List<String> absorbedNames = request.absorbed() == null ? List.of()
				: request.absorbed().stream().filter(name -> name != null && !name.isBlank()).toList();
		if (absorbedNames.isEmpty()) {
			throw new MergeRefusedException("absorbed", "merge.refused.absorbedMissing");
		}
		if (absorbedNames.size() > ABSORBED_LIMIT) {
			throw new MergeRefusedException("absorbed", "merge.refused.tooMany", ABSORBED_LIMIT);
		}
		Map<String, SegmentMember> absorbed = new LinkedHashMap<>();
		for (String name : absorbedNames) {
			String segment = existingSegment(name);
			if (segment.equals(survivor)) {
				throw new MergeRefusedException("absorbed", "merge.refused.sameSegment", segment);
			}
			absorbed.put(segment, segmentMember(segment));
		}
		return new SegmentMergePlan(segmentMember(survivor), List.copyOf(absorbed.values()));
	}

	/** The segment exactly as stored (as typed, else its normalised spelling). */
	private String existingSegment(String name) {
		for (String candidate : new LinkedHashSet<>(
				List.of(name, name.strip(), Objects.requireNonNullElse(CustomerKeys.normalise(name), name)))) {
			if (jdbc.sql("select exists (select 1 from customer where segment = ?)")
				.param(candidate)
				.query(Boolean.class)
				.single()) {
				return candidate;
			}
		}
		throw new MergeRefusedException("absorbed", "merge.refused.unknownSegment", name.strip());
	}

	/**
	 * The customer with this reference exactly as stored (as typed, then stripped), else
	 * the one it normalises to: a full-width twin is found by its own spelling.
	 */
	private Member find(String reference, String field) {
		if (reference == null || reference.isBlank()) {
			throw new MergeRefusedException(field, "merge.refused.referenceMissing");
		}
		Optional<Long> id = Optional.empty();
		for (String candidate : new LinkedHashSet<>(List.of(reference, reference.strip(),
				Objects.requireNonNullElse(CustomerKeys.normalise(reference), reference)))) {
			id = jdbc.sql("select id from customer where reference = ?").param(candidate).query(Long.class).optional();
			if (id.isPresent()) {
				break;
			}
		}
		Member member = id.flatMap(this::member)
			.orElseThrow(() -> new MergeRefusedException(field, "merge.refused.unknownCustomer", reference.strip()));
		if (jdbc.sql("select erased_at is not null from customer where id = ?")
			.param(member.id())
			.query(Boolean.class)
			.single()) {
			throw new MergeRefusedException(field, "merge.refused.erased", member.reference());
		}
		return member;
	}

	private Optional<Member> member(long id) {
		return jdbc.sql("select id, reference, name, segment, email, language from customer where id = ?")
			.param(id)
			.query((rs, row) -> new Member(rs.getLong("id"), rs.getString("reference"), rs.getString("name"),
					rs.getString("segment"), rs.getString("email"), rs.getString("language"), rows(rs.getLong("id"))))
			.optional();
	}

	private Map<String, Long> rows(long customerId) {
		Map<String, Long> rows = new LinkedHashMap<>();
		for (MergeParticipant participant : participants) {
			rows.putAll(participant.customerRows(customerId));
		}
		return rows;
	}

	private SegmentMember segmentMember(String segment) {
		Map<String, Long> rows = new LinkedHashMap<>();
		rows.put("merge.rows.customers",
				jdbc.sql("select count(*) from customer where segment = ?").param(segment).query(Long.class).single());
		for (MergeParticipant participant : participants) {
			rows.putAll(participant.segmentRows(segment));
		}
		return new SegmentMember(segment, rows);
	}

	private static Map<String, Long> total(List<Map<String, Long>> counts) {
		Map<String, Long> total = new LinkedHashMap<>();
		counts.forEach(rows -> rows.forEach((key, count) -> total.merge(key, count, Long::sum)));
		return total;
	}

	private static String describe(Member member) {
		return "reference: " + member.reference() + "\nname: " + member.name() + "\nsegment: " + member.segment() + "\n"
				+ describe(member.rows());
	}

	private static String describe(Map<String, Long> rows) {
		StringBuilder text = new StringBuilder();
		rows.forEach((key,
				count) -> text.append(key.substring(key.lastIndexOf('.') + 1)).append(": ").append(count).append('\n'));
		return text.toString().strip();
	}

}
