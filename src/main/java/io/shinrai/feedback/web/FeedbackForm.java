package io.shinrai.feedback.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.Errors;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;

/**
 * What the "log feedback" and "correct feedback" forms post. Ratings and incident notes
 * are keyed by the constant's name as text, so a tampered key or value becomes a field
 * error instead of a binding failure.
 */
public class FeedbackForm {

	/**
	 * One-time token of the "log feedback" form: a second POST with it stores nothing
	 * new.
	 */
	private String token;

	/** The version of the entry the correction form was opened with. */
	private Long version;

	/**
	 * The stored time of a corrected entry, kept exact when the minute shown in the form
	 * is not changed.
	 */
	private Instant originalReceivedAt;

	private String customerRef;

	private String customerName;

	private String segment;

	@DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm",
			fallbackPatterns = { "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS", "yyyy-MM-dd HH:mm" })
	private LocalDateTime receivedAt;

	private Channel channel;

	private Category category;

	private Map<String, String> ratings = new LinkedHashMap<>();

	private Integer nps;

	private Integer csat;

	private Integer ces;

	private Set<IncidentType> incidents = new LinkedHashSet<>();

	private Map<String, String> incidentNotes = new LinkedHashMap<>();

	private String comment;

	/** An empty form received now (to the minute) in the business time zone. */
	static FeedbackForm blank(Instant now, ZoneId zone) {
		FeedbackForm form = new FeedbackForm();
		form.token = UUID.randomUUID().toString();
		form.receivedAt = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.MINUTES);
		return form;
	}

	/** The correction form of a stored entry. */
	static FeedbackForm of(StoredFeedback entry, ZoneId zone) {
		FeedbackForm form = new FeedbackForm();
		form.version = entry.version();
		form.originalReceivedAt = entry.receivedAt();
		form.customerRef = entry.customerRef();
		form.receivedAt = LocalDateTime.ofInstant(entry.receivedAt(), zone).truncatedTo(ChronoUnit.MINUTES);
		form.channel = entry.channel();
		form.category = entry.category();
		entry.ratings().forEach((signal, rating) -> form.ratings.put(signal.name(), rating.toString()));
		form.nps = entry.nps();
		form.csat = entry.csat();
		form.ces = entry.ces();
		form.incidents.addAll(entry.incidents().keySet());
		entry.incidents().forEach((type, note) -> form.incidentNotes.put(type.name(), note));
		form.comment = entry.comment();
		return form;
	}

	/**
	 * The command this form describes. What cannot even be read (a rating that is not a
	 * number, a note for an incident that is not ticked) is reported to {@code errors};
	 * {@code FeedbackRules} checks the rest.
	 */
	NewFeedback toNewFeedback(ZoneId zone, String user, Errors errors) {
		NewFeedback.Builder entry = NewFeedback.builder()
			.customer(customerRef, customerName, segment)
			.receivedAt(receivedAtInstant(zone))
			.channel(channel)
			.category(category)
			.nps(nps)
			.csat(csat)
			.ces(ces)
			.comment(comment)
			.source(Source.FORM)
			.loggedBy(user);
		for (Signal signal : Signal.values()) {
			String value = ratings.get(signal.name());
			if (value != null && !value.isBlank()) {
				try {
					entry.rating(signal, Integer.valueOf(value.strip()));
				}
				catch (NumberFormatException ex) {
					errors.rejectValue(ratingField(signal), "typeMismatch.java.lang.Integer");
				}
			}
		}
		for (IncidentType type : IncidentType.values()) {
			String note = incidentNotes.get(type.name());
			if (incidents.contains(type)) {
				entry.incident(type, note);
			}
			else if (note != null && !note.isBlank()) {
				errors.rejectValue(noteField(type), "feedback.form.noteWithoutIncident");
			}
		}
		return entry.build();
	}

	private Instant receivedAtInstant(ZoneId zone) {
		if (receivedAt == null) {
			return null;
		}
		if (originalReceivedAt != null && LocalDateTime.ofInstant(originalReceivedAt, zone)
			.truncatedTo(ChronoUnit.MINUTES)
			.equals(receivedAt)) {
			return originalReceivedAt;
		}
		return receivedAt.atZone(zone).toInstant();
	}

	/** The submission token, or a new one when the form came without a valid one. */
	UUID submissionToken() {
		try {
			return token == null ? UUID.randomUUID() : UUID.fromString(token.strip());
		}
		catch (IllegalArgumentException ex) {
			return UUID.randomUUID();
		}
	}

	static String ratingField(Signal signal) {
		return "ratings[" + signal.name() + "]";
	}

	static String noteField(IncidentType type) {
		return "incidentNotes[" + type.name() + "]";
	}

	/** The form field that shows a {@code FeedbackRules} violation of {@code field}. */
	static String formField(String field) {
		if (field.startsWith("ratings.")) {
			return ratingField(Signal.fromKey(field.substring("ratings.".length())));
		}
		if (field.startsWith("incidents.")) {
			return noteField(IncidentType.valueOf(field.substring("incidents.".length())));
		}
		return field;
	}

	/** The rating of a signal as shown in the form ("" = not rated). */
	public String rating(Signal signal) {
		String value = ratings.get(signal.name());
		return value == null ? "" : value;
	}

	public String getToken() {
		return token;
	}

	public void setToken(String token) {
		this.token = token;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public Instant getOriginalReceivedAt() {
		return originalReceivedAt;
	}

	public void setOriginalReceivedAt(Instant originalReceivedAt) {
		this.originalReceivedAt = originalReceivedAt;
	}

	public String getCustomerRef() {
		return customerRef;
	}

	public void setCustomerRef(String customerRef) {
		this.customerRef = customerRef;
	}

	public String getCustomerName() {
		return customerName;
	}

	public void setCustomerName(String customerName) {
		this.customerName = customerName;
	}

	public String getSegment() {
		return segment;
	}

	public void setSegment(String segment) {
		this.segment = segment;
	}

	public LocalDateTime getReceivedAt() {
		return receivedAt;
	}

	public void setReceivedAt(LocalDateTime receivedAt) {
		this.receivedAt = receivedAt;
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

	public Map<String, String> getRatings() {
		return ratings;
	}

	public void setRatings(Map<String, String> ratings) {
		this.ratings = ratings;
	}

	public Integer getNps() {
		return nps;
	}

	public void setNps(Integer nps) {
		this.nps = nps;
	}

	public Integer getCsat() {
		return csat;
	}

	public void setCsat(Integer csat) {
		this.csat = csat;
	}

	public Integer getCes() {
		return ces;
	}

	public void setCes(Integer ces) {
		this.ces = ces;
	}

	public Set<IncidentType> getIncidents() {
		return incidents;
	}

	public void setIncidents(Set<IncidentType> incidents) {
		this.incidents = incidents;
	}

	public Map<String, String> getIncidentNotes() {
		return incidentNotes;
	}

	public void setIncidentNotes(Map<String, String> incidentNotes) {
		this.incidentNotes = incidentNotes;
	}

	public String getComment() {
		return comment;
	}

	public void setComment(String comment) {
		this.comment = comment;
	}

}
