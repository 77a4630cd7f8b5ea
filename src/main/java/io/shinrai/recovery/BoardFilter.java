package io.shinrai.recovery;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.web.util.UriComponentsBuilder;

import io.shinrai.system.PageParameter;

/**
 * The board's query parameters as typed in the address bar. Unknown values are not an
 * error page: they are ignored, named in {@link #invalid()}, and the board says so.
 * <ul>
 * <li>{@code tab}: {@code open} (OPEN and ACKNOWLEDGED, the default), {@code overdue},
 * {@code mine} (not closed, owned by me), {@code all};</li>
 * <li>{@code owner}: a user name, or {@code -} for unassigned cases (not with
 * {@code mine});</li>
 * <li>{@code status}: one status, on the {@code all} tab;</li>
 * <li>{@code customer}: only this customer's cases (its id, as linked from the customer
 * page);</li>
 * <li>{@code segment}: only cases of customers in this segment (as linked from the
 * dashboard);</li>
 * <li>{@code sort}: {@code due} (default), {@code due_desc}, {@code opened_desc},
 * {@code urgency};</li>
 * <li>{@code page} from 1 (a whole number out of range shows the nearest page; one that
 * is not a number makes the board answer 400, as every paged list does), {@code size} 1
 * to 100 (default 20).</li>
 * </ul>
 */
class BoardFilter {

	static final List<String> TABS = List.of("open", "overdue", "mine", "all");

	static final String UNASSIGNED = "-";

	static final int DEFAULT_SIZE = 20;

	private String tab;

	private String owner;

	private String status;

	private String customer;

	private String segment;

	private String sort;

	private String page;

	private String size;

	private final List<String> invalid = new ArrayList<>();

	/** Checks the parameters, replacing each invalid one by its default. */
	BoardFilter normalise() {
		invalid.clear();
		if (tab == null || tab.isBlank()) {
			tab = "open";
		}
		else if (!TABS.contains(tab)) {
			invalid.add("tab");
			tab = "open";
		}
		owner = blankToNull(owner);
		if ("mine".equals(tab)) {
			owner = null;
		}
		status = blankToNull(status);
		if (status != null && (!"all".equals(tab) || parseStatus(status) == null)) {
			invalid.add("status");
			status = null;
		}
		customer = blankToNull(customer);
		if (customer != null && !isLong(customer)) {
			invalid.add("customer");
			customer = null;
		}
		segment = blankToNull(segment);
		if (segment != null && segment.length() > 100) {
			invalid.add("segment");
			segment = null;
		}
		sort = blankToNull(sort);
		if (sort != null && parseSort(sort) == null) {
			invalid.add("sort");
			sort = null;
		}
		// a whole number out of range shows the nearest page; anything else is refused
		if (!PageParameter.isValid(page)) {
			invalid.add("page");
			page = null;
		}
		else {
			page = blankToNull(page) == null ? null : String.valueOf(PageParameter.requested(page, 1));
		}
		if (parseNumber(size, 1, CaseSearch.MAX_SIZE) == null) {
			if (blankToNull(size) != null) {
				invalid.add("size");
			}
			size = null;
		}
		return this;
	}

	CaseSearch toSearch(String username) {
		Set<RecoveryStatus> statuses = switch (tab) {
			case "open" -> RecoveryStatus.IN_PROGRESS;
			case "overdue" -> EnumSet.of(RecoveryStatus.OPEN);
			case "mine" -> RecoveryStatus.NOT_CLOSED;
			default -> status == null ? Set.of() : EnumSet.of(parseStatus(status));
		};
		String ownerName = "mine".equals(tab) ? username : (UNASSIGNED.equals(owner) ? null : owner);
		return new CaseSearch(statuses, "overdue".equals(tab), ownerName, UNASSIGNED.equals(owner), customerId(),
				sort == null ? CaseSearch.Sort.DUE : parseSort(sort), pageNumber() - 1, pageSize(), segment);
	}

	/**
	 * This board with one parameter changed (and back on the first page unless the page
	 * is what changes).
	 */
	public String with(String name, Object value) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/recovery");
		add(uri, "tab", "tab".equals(name) ? value : tab);
		if (!"tab".equals(name) || !"mine".equals(value)) {
			add(uri, "owner", "owner".equals(name) ? value : owner);
		}
		add(uri, "status", "status".equals(name) ? value : ("tab".equals(name) ? null : status));
		add(uri, "customer", "customer".equals(name) ? value : customer);
		add(uri, "segment", "segment".equals(name) ? value : segment);
		add(uri, "sort", "sort".equals(name) ? value : sort);
		add(uri, "size", size);
		if ("page".equals(name)) {
			add(uri, "page", value);
		}
		return uri.build().encode().toUriString();
	}

	/** The sort that the due-time column header switches to. */
	public String nextDueSort() {
		return "due".equals(sort) || sort == null ? "due_desc" : "due";
	}

	private static void add(UriComponentsBuilder uri, String name, Object value) {
		if (value != null && !value.toString().isBlank()) {
			uri.queryParam(name, value);
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static RecoveryStatus parseStatus(String value) {
		try {
			return RecoveryStatus.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static CaseSearch.Sort parseSort(String value) {
		try {
			return CaseSearch.Sort.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static Integer parseNumber(String value, int min, int max) {
		try {
			int number = Integer.parseInt(value == null ? "" : value.strip());
			return number >= min && number <= max ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static boolean isLong(String value) {
		try {
			return Long.parseLong(value) > 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	/** The customer filter, or {@code null}. */
	public Long customerId() {
		return customer == null ? null : Long.valueOf(customer);
	}

	int pageNumber() {
		return page == null ? 1 : Integer.parseInt(page);
	}

	int pageSize() {
		return size == null ? DEFAULT_SIZE : Integer.parseInt(size);
	}

	List<String> invalid() {
		return List.copyOf(invalid);
	}

	public List<String> getInvalid() {
		return invalid();
	}

	public String getTab() {
		return tab;
	}

	public void setTab(String tab) {
		this.tab = tab;
	}

	public String getOwner() {
		return owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

	public String getStatus() {
		return status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getCustomer() {
		return customer;
	}

	public void setCustomer(String customer) {
		this.customer = customer;
	}

	public String getSegment() {
		return segment;
	}

	public void setSegment(String segment) {
		this.segment = segment;
	}

	public String getSort() {
		return sort == null ? "due" : sort;
	}

	public void setSort(String sort) {
		this.sort = sort;
	}

	public String getPage() {
		return page;
	}

	public void setPage(String page) {
		this.page = page;
	}

	public String getSize() {
		return size;
	}

	public void setSize(String size) {
		this.size = size;
	}

}
