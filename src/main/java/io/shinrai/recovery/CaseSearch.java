package io.shinrai.recovery;

import java.util.EnumSet;
import java.util.Set;

import io.shinrai.system.SegmentScope;

/**
 * Which cases to list, and in which order.
 *
 * @param statuses any of these; empty means every status
 * @param overdueOnly only OPEN cases past their acknowledgement due time
 * @param owner only cases of this user name; {@code null} means anyone's
 * @param unassignedOnly only cases without owner
 * @param customerId only this customer's cases; {@code null} means every customer's
 * @param segment only cases of customers in this segment; {@code null} means any segment
 * @param within only cases of customers of these segments
 */
public record CaseSearch(Set<RecoveryStatus> statuses, boolean overdueOnly, String owner, boolean unassignedOnly,
		Long customerId, Sort sort, int page, int size, String segment, SegmentScope within) {

	public static final int MAX_SIZE = 100;

	/** Among the cases of every customer. */
	public CaseSearch(Set<RecoveryStatus> statuses, boolean overdueOnly, String owner, boolean unassignedOnly,
			Long customerId, Sort sort, int page, int size) {
		this(statuses, overdueOnly, owner, unassignedOnly, customerId, sort, page, size, (String) null);
	}

	/** Cases of one segment ({@code null}: any), among the cases of every customer. */
	public CaseSearch(Set<RecoveryStatus> statuses, boolean overdueOnly, String owner, boolean unassignedOnly,
			Long customerId, Sort sort, int page, int size, String segment) {
		this(statuses, overdueOnly, owner, unassignedOnly, customerId, sort, page, size, segment, SegmentScope.all());
	}

	/**
	 * This search among the cases of customers of the segments {@code scope} (a user's).
	 */
	public CaseSearch within(SegmentScope scope) {
		return new CaseSearch(statuses, overdueOnly, owner, unassignedOnly, customerId, sort, page, size, segment,
				scope);
	}

	/** This search on another page. */
	public CaseSearch onPage(int page) {
		return new CaseSearch(statuses, overdueOnly, owner, unassignedOnly, customerId, sort, page, size, segment,
				within);
	}

	public CaseSearch {
		within = within == null ? SegmentScope.all() : within;
		statuses = statuses == null || statuses.isEmpty() ? EnumSet.noneOf(RecoveryStatus.class)
				: EnumSet.copyOf(statuses);
		sort = sort == null ? Sort.DUE : sort;
		segment = segment == null || segment.isBlank() ? null : segment;
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("page must be ≥ 0 and size 1.." + MAX_SIZE);
		}
	}

	/** Orders of a case list; ties are broken by case id. */
	public enum Sort {

		/** Acknowledgement due time, most urgent first. */
		DUE("c.acknowledge_due_at asc, c.id asc"),
		/** Acknowledgement due time, latest first. */
		DUE_DESC("c.acknowledge_due_at desc, c.id desc"),
		/** Newest case first. */
		OPENED_DESC("c.opened_at desc, c.id desc"),
		/**
		 * Most urgent first: overdue and open cases by due time, then acknowledged ones
		 * (being worked) by due time, resolved ones and closed ones last.
		 */
		URGENCY("case c.status when 'OPEN' then 0 when 'ACKNOWLEDGED' then 1 when 'RESOLVED' then 2 else 3 end,"
				+ " c.acknowledge_due_at asc, c.id asc");

		final String orderBy;

		Sort(String orderBy) {
			this.orderBy = orderBy;
		}

	}

}
