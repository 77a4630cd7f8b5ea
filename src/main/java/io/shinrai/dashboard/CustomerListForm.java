package io.shinrai.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.util.UriComponentsBuilder;

import io.shinrai.customer.CustomerKeys;
import io.shinrai.scoring.Band;
import io.shinrai.scoring.CustomerRankingQuery;
import io.shinrai.scoring.CustomerSort;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.system.PageParameter;

/**
 * The customers list's query parameters as typed: kept as text so that a bad value is
 * shown back with a message instead of failing the page. {@code page} is 1-based.
 * {@code asOf} (an ISO instant, not in the future) scores the list as of that moment
 * instead of now, so that a dashboard of a past period links to the customers it counted.
 */
public class CustomerListForm {

	static final int PAGE_SIZE = 25;

	private String q;

	private String segment;

	private String band;

	private String status;

	private String sort;

	private String page;

	private String asOf;

	/** A problem with one parameter: a message key and its argument. */
	public record Problem(String messageKey, String value) {
	}

	/**
	 * The query for the list, or the problems that prevent it (then {@code query} is
	 * null).
	 */
	record Parsed(CustomerRankingQuery query, List<Problem> problems) {
	}

	Parsed parse(Instant asOf) {
		List<Problem> problems = new ArrayList<>();
		Band parsedBand = parse(Band.class, band, "customers.list.invalid.band", problems);
		CustomerStatus parsedStatus = parse(CustomerStatus.class, status, "customers.list.invalid.status", problems);
		CustomerSort parsedSort = parse(CustomerSort.class, sort, "customers.list.invalid.sort", problems);
		// a number out of range shows the nearest page (the controller clamps to the
		// last)
		int parsedPage = PageParameter.requested(page, 1);
		if (!PageParameter.isValid(page)) {
			problems.add(new Problem("customers.list.invalid.page", page));
		}
		if (q != null && q.length() > 200) {
			problems.add(new Problem("customers.list.invalid.q", null));
		}
		Instant scoredAt = asOf;
		if (this.asOf != null && !this.asOf.isBlank()) {
			try {
				scoredAt = Instant.parse(this.asOf.strip());
			}
			catch (java.time.format.DateTimeParseException ex) {
				scoredAt = null;
			}
			if (scoredAt == null || scoredAt.isAfter(asOf)) {
				problems.add(new Problem("customers.list.invalid.asOf", this.asOf));
			}
		}
		if (!problems.isEmpty()) {
			return new Parsed(null, problems);
		}
		return new Parsed(
				// a reference or segment typed with full-width characters finds what is
				// stored, as the import and the forms store it
				new CustomerRankingQuery(CustomerKeys.normalise(q), CustomerKeys.normalise(segment), parsedBand,
						parsedStatus, parsedSort == null ? CustomerSort.TRUST : parsedSort, parsedPage - 1, PAGE_SIZE,
						scoredAt),
				List.of());
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String text, String messageKey, List<Problem> problems) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			problems.add(new Problem(messageKey, text));
			return null;
		}
	}

	/**
	 * This list with another page (1-based), for paging links; empty parameters are left
	 * out.
	 */
	public String pageUrl(int pageNumber) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/customers");
		add(url, "q", q);
		add(url, "segment", segment);
		add(url, "band", band);
		add(url, "status", status);
		add(url, "sort", sort);
		add(url, "asOf", asOf);
		if (pageNumber > 1) {
			url.queryParam("page", pageNumber);
		}
		return url.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder url, String name, String value) {
		if (value != null && !value.isBlank()) {
			url.queryParam(name, value);
		}
	}

	public String getQ() {
		return q;
	}

	public void setQ(String q) {
		this.q = q;
	}

	public String getSegment() {
		return segment;
	}

	public void setSegment(String segment) {
		this.segment = segment;
	}

	public String getBand() {
		return band;
	}

	public void setBand(String band) {
		this.band = band;
	}

	public String getStatus() {
		return status;
	}

	public void setStatus(String status) {
		this.status = status;
	}

	public String getSort() {
		return sort;
	}

	public void setSort(String sort) {
		this.sort = sort;
	}

	public String getAsOf() {
		return asOf;
	}

	public void setAsOf(String asOf) {
		this.asOf = asOf;
	}

	public String getPage() {
		return page;
	}

	public void setPage(String page) {
		this.page = page;
	}

}
