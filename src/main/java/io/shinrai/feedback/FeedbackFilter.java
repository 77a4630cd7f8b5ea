package io.shinrai.feedback;

import java.time.Instant;

import io.shinrai.customer.CustomerKeys;
import io.shinrai.system.SegmentScope;

/**
 * Which feedback entries to list or export. Every criterion is optional ({@code null} /
 * {@code false} = any).
 *
 * @param from received at or after this instant
 * @param to received before this instant
 * @param customerRef the customer's reference, whatever its case and width
 * @param text words in the comment (case-insensitive; English and Japanese)
 * @param segment the customer's segment (normalised as stored)
 * @param withNps only entries with an NPS score
 * @param rated only entries that rate this signal
 * @param answered only entries with this survey answer ({@code null}: any)
 * @param within only customers of these segments (the user's)
 */
public record FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
		IncidentType incidentType, String customerRef, Long customerId, String text, String segment, boolean withNps,
		Signal rated, Answer answered, SegmentScope within) {

	/** A survey answer an entry may carry. */
	public enum Answer {

		NPS, CSAT, CES

	}

	public FeedbackFilter {
		customerRef = CustomerKeys.normalise(customerRef);
		text = blankToNull(text);
		segment = CustomerKeys.normalise(segment);
		within = (within == null) ? SegmentScope.all() : within;
	}

	/** Any NPS and ratings. */
	public FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
			IncidentType incidentType, String customerRef, Long customerId, String text, String segment) {
		this(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId, text, segment, false,
				null);
	}

	/** Any survey answer, among the customers of every segment. */
	public FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
			IncidentType incidentType, String customerRef, Long customerId, String text, String segment,
			boolean withNps, Signal rated) {
		this(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId, text, segment, withNps,
				rated, null, SegmentScope.all());
	}

	/** Among the customers of every segment. */
	public FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
			IncidentType incidentType, String customerRef, Long customerId, String text, String segment,
			boolean withNps, Signal rated, Answer answered) {
		this(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId, text, segment, withNps,
				rated, answered, SegmentScope.all());
	}

	/** Any survey answer. */
	public FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
			IncidentType incidentType, String customerRef, Long customerId, String text, String segment,
			boolean withNps, Signal rated, SegmentScope within) {
		this(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId, text, segment, withNps,
				rated, null, within);
	}

	/** This filter among the customers of the segments {@code scope} (a user's). */
	public FeedbackFilter within(SegmentScope scope) {
		return new FeedbackFilter(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId,
				text, segment, withNps, rated, answered, scope);
	}

	/** Any segment. */
	public FeedbackFilter(Instant from, Instant to, Channel channel, Category category, boolean negativeOnly,
			IncidentType incidentType, String customerRef, Long customerId, String text) {
		this(from, to, channel, category, negativeOnly, incidentType, customerRef, customerId, text, null);
	}

	public static FeedbackFilter none() {
		return new FeedbackFilter(null, null, null, null, false, null, null, null, null);
	}

	public static FeedbackFilter forCustomer(long customerId) {
		return new FeedbackFilter(null, null, null, null, false, null, null, customerId, null);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
