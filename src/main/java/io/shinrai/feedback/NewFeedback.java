package io.shinrai.feedback;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;

import io.shinrai.customer.CustomerKeys;

/**
 * One feedback entry to store: the command every capture path (form, API, CSV import)
 * produces. Check it with {@link FeedbackRules} and store it with {@link FeedbackLog}.
 * <p>
 * Text is normalised on construction: surrounding white space is stripped and blank text
 * becomes {@code null}; the customer's reference and segment are written as
 * {@link CustomerKeys} says. Absent ratings and scores are {@code null} / missing map
 * keys, never 0.
 *
 * @param customerRef the customer's CRM reference (required)
 * @param customerName the name to create the customer with when the reference is new;
 * ignored otherwise
 * @param segment the segment to create the customer with when the reference is new;
 * ignored otherwise
 * @param receivedAt when the customer gave the feedback
 * @param ratings 1–5 per rated signal; a signal that was not rated has no key
 * @param nps 0–10 or {@code null}
 * @param csat 1–5 or {@code null}
 * @param ces 1–7 or {@code null}
 * @param incidents the incidents, each with an optional one-line note ({@code null}
 * value)
 * @param externalId the sending system's id (unique), or {@code null}
 * @param rowHash for CSV rows without external id, a hash of the row (unique), or
 * {@code null}
 * @param loggedBy the user name of who logged it
 * @param importId the import this entry came from, or {@code null}
 */
public record NewFeedback(String customerRef, String customerName, String segment, Instant receivedAt, Channel channel,
		Category category, EnumMap<Signal, Integer> ratings, Integer nps, Integer csat, Integer ces,
		EnumMap<IncidentType, String> incidents, String comment, String externalId, String rowHash, Source source,
		String loggedBy, Long importId) {

	public NewFeedback {
		customerRef = CustomerKeys.normalise(customerRef);
		customerName = clean(customerName);
		segment = CustomerKeys.normalise(segment);
		comment = clean(comment);
		externalId = clean(externalId);
		rowHash = clean(rowHash);
		// PostgreSQL keeps microseconds: what is returned after storing equals what is
		// read back later
		receivedAt = receivedAt == null ? null : receivedAt.truncatedTo(ChronoUnit.MICROS);
		EnumMap<Signal, Integer> givenRatings = new EnumMap<>(Signal.class);
		if (ratings != null) {
			ratings.forEach((signal, rating) -> {
				if (signal != null && rating != null) {
					givenRatings.put(signal, rating);
				}
			});
		}
		ratings = givenRatings;
		EnumMap<IncidentType, String> givenIncidents = new EnumMap<>(IncidentType.class);
		if (incidents != null) {
			incidents.forEach((type, note) -> {
				if (type != null) {
					givenIncidents.put(type, clean(note));
				}
			});
		}
		incidents = givenIncidents;
	}

	/** Whether docs/scoring.md counts this entry as a negative interaction. */
	public boolean negative() {
		return Negativity.isNegative(ratings.values(), incidents.size(), nps, csat, ces);
	}

	public static Builder builder() {
		return new Builder();
	}

	private static String clean(String value) {
		if (value == null) {
			return null;
		}
		// PostgreSQL cannot store NUL characters in text; they never carry meaning
		String stripped = value.replace("\0", "").strip();
		return stripped.isEmpty() ? null : stripped;
	}

	/**
	 * Builds a {@link NewFeedback} field by field; convenient where most fields stay
	 * empty.
	 */
	public static final class Builder {

		private String customerRef;

		private String customerName;

		private String segment;

		private Instant receivedAt;

		private Channel channel;

		private Category category;

		private final EnumMap<Signal, Integer> ratings = new EnumMap<>(Signal.class);

		private Integer nps;

		private Integer csat;

		private Integer ces;

		private final EnumMap<IncidentType, String> incidents = new EnumMap<>(IncidentType.class);

		private String comment;

		private String externalId;

		private String rowHash;

		private Source source;

		private String loggedBy;

		private Long importId;

		private Builder() {
		}

		public Builder customer(String reference, String name, String segment) {
			this.customerRef = reference;
			this.customerName = name;
			this.segment = segment;
			return this;
		}

		public Builder receivedAt(Instant receivedAt) {
			this.receivedAt = receivedAt;
			return this;
		}

		public Builder channel(Channel channel) {
			this.channel = channel;
			return this;
		}

		public Builder category(Category category) {
			this.category = category;
			return this;
		}

		public Builder rating(Signal signal, Integer rating) {
			this.ratings.put(signal, rating);
			return this;
		}

		public Builder ratings(Map<Signal, Integer> ratings) {
			this.ratings.putAll(ratings);
			return this;
		}

		public Builder nps(Integer nps) {
			this.nps = nps;
			return this;
		}

		public Builder csat(Integer csat) {
			this.csat = csat;
			return this;
		}

		public Builder ces(Integer ces) {
			this.ces = ces;
			return this;
		}

		public Builder incident(IncidentType type, String note) {
			this.incidents.put(type, note);
			return this;
		}

		public Builder comment(String comment) {
			this.comment = comment;
			return this;
		}

		public Builder externalId(String externalId) {
			this.externalId = externalId;
			return this;
		}

		public Builder rowHash(String rowHash) {
			this.rowHash = rowHash;
			return this;
		}

		public Builder source(Source source) {
			this.source = source;
			return this;
		}

		public Builder loggedBy(String loggedBy) {
			this.loggedBy = loggedBy;
			return this;
		}

		public Builder importId(Long importId) {
			this.importId = importId;
			return this;
		}

		public NewFeedback build() {
			return new NewFeedback(customerRef, customerName, segment, receivedAt, channel, category, ratings, nps,
					csat, ces, incidents, comment, externalId, rowHash, source, loggedBy, importId);
		}

	}

}
