package io.shinrai.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shinrai.customer.Customer;

/**
 * The rules a feedback entry must follow, in one place for the form, the API and the
 * import. Each broken rule is a {@link Violation} keyed by field with a message key
 * ({@code feedback.rule.*} in the message bundles).
 * <p>
 * Whether a new customer has a name can only be checked against the customer directory,
 * so {@link FeedbackLog} adds that rule ({@value #CUSTOMER_NAME_REQUIRED}).
 */
public final class FeedbackRules {

	public static final int MAX_COMMENT = 4000;

	public static final int MAX_INCIDENT_NOTE = 300;

	public static final int MAX_EXTERNAL_ID = 200;

	public static final int MAX_RATING = 5;

	public static final int MAX_NPS = 10;

	public static final int MAX_CSAT = 5;

	public static final int MAX_CES = 7;

	/**
	 * A device clock slightly ahead of the server's must not make "now" a future time.
	 */
	public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

	/**
	 * Nothing Shinrai measures happened before this; earlier dates are typing errors
	 * (e.g. 0026 for 2026).
	 */
	public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	public static final String CUSTOMER_NAME_REQUIRED = "feedback.rule.customerName.requiredForNew";

	/**
	 * The entry's customer or the entry itself was erased (see {@link ErasedKeys}): it is
	 * not stored again.
	 */
	public static final String ERASED = "feedback.rule.erased";

	private FeedbackRules() {
	}

	/**
	 * The violation of an entry that belongs to an erased customer or is an erased entry.
	 */
	public static Violation erased() {
		return new Violation("customerRef", ERASED);
	}

	/** The field name of a signal's rating, e.g. {@code ratings.quality}. */
	public static String ratingField(Signal signal) {
		return "ratings." + signal.key();
	}

	/** The field name of an incident's note, e.g. {@code incidents.BROKEN_PROMISE}. */
	public static String incidentField(IncidentType type) {
		return "incidents." + type.name();
	}

	/**
	 * Every rule {@code entry} breaks, as of {@code now}; empty when it may be stored.
	 */
	public static List<Violation> check(NewFeedback entry, Instant now) {
		List<Violation> violations = new ArrayList<>();
		if (entry.customerRef() == null) {
			violations.add(new Violation("customerRef", "feedback.rule.customerRef.required"));
		}
		else {
			maxLength(violations, "customerRef", entry.customerRef(), Customer.MAX_REFERENCE);
		}
		maxLength(violations, "customerName", entry.customerName(), Customer.MAX_NAME);
		maxLength(violations, "segment", entry.segment(), Customer.MAX_SEGMENT);
		if (entry.receivedAt() == null) {
			violations.add(new Violation("receivedAt", "feedback.rule.receivedAt.required"));
		}
		else if (entry.receivedAt().isAfter(now.plus(CLOCK_SKEW))) {
			violations.add(new Violation("receivedAt", "feedback.rule.receivedAt.future"));
		}
		else if (entry.receivedAt().isBefore(EARLIEST)) {
			violations.add(new Violation("receivedAt", "feedback.rule.receivedAt.tooEarly"));
		}
		if (entry.channel() == null) {
			violations.add(new Violation("channel", "feedback.rule.channel.required"));
		}
		if (entry.category() == null) {
			violations.add(new Violation("category", "feedback.rule.category.required"));
		}
		for (Map.Entry<Signal, Integer> rating : entry.ratings().entrySet()) {
			range(violations, ratingField(rating.getKey()), "feedback.rule.rating.range", rating.getValue(), 1,
					MAX_RATING);
		}
		range(violations, "nps", "feedback.rule.nps.range", entry.nps(), 0, MAX_NPS);
		range(violations, "csat", "feedback.rule.csat.range", entry.csat(), 1, MAX_CSAT);
		range(violations, "ces", "feedback.rule.ces.range", entry.ces(), 1, MAX_CES);
		for (Map.Entry<IncidentType, String> incident : entry.incidents().entrySet()) {
			maxLength(violations, incidentField(incident.getKey()), incident.getValue(), MAX_INCIDENT_NOTE);
		}
		if (entry.ratings().isEmpty() && entry.nps() == null && entry.csat() == null && entry.ces() == null
				&& entry.incidents().isEmpty()) {
			violations.add(new Violation("ratings", "feedback.rule.content.required"));
		}
		maxLength(violations, "comment", entry.comment(), MAX_COMMENT);
		maxLength(violations, "externalId", entry.externalId(), MAX_EXTERNAL_ID);
		return violations;
	}

	private static void range(List<Violation> violations, String field, String key, Integer value, int min, int max) {
		if (value != null && (value < min || value > max)) {
			violations.add(new Violation(field, key, min, max));
		}
	}

	private static void maxLength(List<Violation> violations, String field, String value, int max) {
		// counted in characters as PostgreSQL counts them (an emoji is one, not two
		// UTF-16 units)
		int length = value == null ? 0 : value.codePointCount(0, value.length());
		if (length > max) {
			violations.add(new Violation(field, "feedback.rule.tooLong", max, length));
		}
	}

}
