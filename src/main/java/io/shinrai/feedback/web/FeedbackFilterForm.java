package io.shinrai.feedback.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

import io.shinrai.customer.Customer;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.system.PageParameter;

/**
 * The filters of the feedback list as they appear in its URL (a GET form), so a filtered
 * list can be bookmarked and shared. Dates are whole days in the business time zone;
 * {@code to} is inclusive. {@code since} and {@code until} (ISO instants, [since, until))
 * narrow the list to the exact period of a dashboard number that links here. Pages count
 * from 0.
 */
public class FeedbackFilterForm {

	public static final Set<Integer> PAGE_SIZES = Set.of(25, 50, 100);

	public static final int DEFAULT_PAGE_SIZE = 25;

	public static final int MAX_TEXT = 200;

	public static final int MAX_SEGMENT = 100;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate from;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate to;

	private Channel channel;

	private Category category;

	private boolean negative;

	private IncidentType incident;

	private String customer;

	private String q;

	private String segment;

	private boolean nps;

	private Signal rated;

	private Instant since;

	private Instant until;

	private FeedbackFilter.Answer answered;

	/** Kept as typed: any whole number is a page ({@link PageParameter}). */
	private String page;

	private Integer size;

	/**
	 * Reports filter values that are readable but make no sense (a page that is not a
	 * number, an unknown page size...).
	 */
	public void validate(Errors errors) {
		if (!PageParameter.isValid(page)) {
			errors.rejectValue("page", PageParameter.INVALID, new Object[] { page }, null);
		}
		if (size != null && !PAGE_SIZES.contains(size) && !errors.hasFieldErrors("size")) {
			errors.rejectValue("size", "feedback.filter.invalidSize");
		}
		if (from != null && to != null && from.isAfter(to)) {
			errors.rejectValue("to", "feedback.filter.toBeforeFrom");
		}
		if (since != null && until != null && !since.isBefore(until)) {
			errors.rejectValue("until", "feedback.filter.untilBeforeSince");
		}
		if (q != null && q.length() > MAX_TEXT) {
			errors.rejectValue("q", "feedback.filter.textTooLong", new Object[] { MAX_TEXT }, null);
		}
		if (segment != null && segment.length() > MAX_SEGMENT) {
			errors.rejectValue("segment", "feedback.filter.textTooLong", new Object[] { MAX_SEGMENT }, null);
		}
		if (customer != null && customer.length() > Customer.MAX_REFERENCE) {
			errors.rejectValue("customer", "feedback.filter.textTooLong", new Object[] { Customer.MAX_REFERENCE },
					null);
		}
	}

	/**
	 * The filter for the service: {@code from} at the start of its day, {@code to} up to
	 * the end of its day, both narrowed by {@code since} and {@code until}.
	 */
	public FeedbackFilter toFilter(ZoneId zone) {
		Instant start = later(from == null ? null : from.atStartOfDay(zone).toInstant(), since);
		Instant end = earlier(to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), until);
		return new FeedbackFilter(start, end, channel, category, negative, incident, customer, null, q, segment, nps,
				rated, answered);
	}

	private static Instant later(Instant a, Instant b) {
		return a == null ? b : (b == null || a.isAfter(b) ? a : b);
	}

	private static Instant earlier(Instant a, Instant b) {
		return a == null ? b : (b == null || a.isBefore(b) ? a : b);
	}

	public boolean isNps() {
		return nps;
	}

	public void setNps(boolean nps) {
		this.nps = nps;
	}

	public Signal getRated() {
		return rated;
	}

	public void setRated(Signal rated) {
		this.rated = rated;
	}

	public int pageOrFirst() {
		return PageParameter.requested(page, 0);
	}

	public int sizeOrDefault() {
		return size == null || !PAGE_SIZES.contains(size) ? DEFAULT_PAGE_SIZE : size;
	}

	public LocalDate getFrom() {
		return from;
	}

	public void setFrom(LocalDate from) {
		this.from = from;
	}

	public LocalDate getTo() {
		return to;
	}

	public void setTo(LocalDate to) {
		this.to = to;
	}

	public Channel getChannel() {
		return channel;
	}

	public void setChannel(Channel channel) {
		this.channel = channel;
	}

	public Category getCategory() {
		return category;
	}

	public void setCategory(Category category) {
		this.category = category;
	}

	public boolean isNegative() {
		return negative;
	}

	public void setNegative(boolean negative) {
		this.negative = negative;
	}

	public IncidentType getIncident() {
		return incident;
	}

	public void setIncident(IncidentType incident) {
		this.incident = incident;
	}

	public String getCustomer() {
		return customer;
	}

	public void setCustomer(String customer) {
		this.customer = customer;
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

	public Instant getSince() {
		return since;
	}

	public void setSince(Instant since) {
		this.since = since;
	}

	public Instant getUntil() {
		return until;
	}

	public void setUntil(Instant until) {
		this.until = until;
	}

	public FeedbackFilter.Answer getAnswered() {
		return answered;
	}

	public void setAnswered(FeedbackFilter.Answer answered) {
		this.answered = answered;
	}

	public String getPage() {
		return page;
	}

	public void setPage(String page) {
		this.page = page;
	}

	public Integer getSize() {
		return size;
	}

	public void setSize(Integer size) {
		this.size = size;
	}

}
