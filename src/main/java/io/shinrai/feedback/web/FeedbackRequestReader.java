package io.shinrai.feedback.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import tools.jackson.databind.JsonNode;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackRules;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.ReceivedAt;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.Violation;

/**
 * Reads a {@link FeedbackRequest} JSON body into a {@link NewFeedback}, collecting a
 * {@link Violation} for every field that is unknown or has the wrong type. Integers must
 * be whole numbers (7, not 7.5); enum values are case-insensitive.
 */
final class FeedbackRequestReader {

	static final Set<String> FIELDS = Set.of("externalId", "customerRef", "customerName", "segment", "receivedAt",
			"channel", "category", "ratings", "nps", "csat", "ces", "incidents", "comment");

	private final ZoneId zone;

	private final List<Violation> violations = new ArrayList<>();

	private FeedbackRequestReader(ZoneId zone) {
		this.zone = zone;
	}

	/** The entry the body describes, and what could not be read in it. */
	record Result(NewFeedback entry, List<Violation> violations) {
	}

	static Result read(JsonNode body, ZoneId zone, String user) {
		return new FeedbackRequestReader(zone).read(body, user);
	}

	private Result read(JsonNode body, String user) {
		NewFeedback.Builder entry = NewFeedback.builder().source(Source.API).loggedBy(user);
		if (body == null || !body.isObject()) {
			violations.add(new Violation("body", "feedback.api.notAnObject"));
			return new Result(entry.build(), violations);
		}
		for (String name : body.propertyNames()) {
			if (!FIELDS.contains(name)) {
				violations.add(new Violation(name, "feedback.api.unknownField"));
			}
		}
		entry.customer(identifier(body, "customerRef"), text(body, "customerName"), text(body, "segment"));
		entry.externalId(identifier(body, "externalId"));
		entry.comment(text(body, "comment"));
		String receivedAt = text(body, "receivedAt");
		if (receivedAt != null) {
			Optional<Instant> instant = ReceivedAt.parse(receivedAt, zone);
			instant.ifPresentOrElse(entry::receivedAt,
					() -> violations.add(new Violation("receivedAt", "feedback.api.receivedAt")));
		}
		entry.channel(constant(body, "channel", Channel.class));
		entry.category(constant(body, "category", Category.class));
		entry.nps(integer(body, "nps"));
		entry.csat(integer(body, "csat"));
		entry.ces(integer(body, "ces"));
		ratings(body.get("ratings"), entry);
		incidents(body.get("incidents"), entry::incident);
		return new Result(entry.build(), violations);
	}

	private void ratings(JsonNode ratings, NewFeedback.Builder entry) {
		if (ratings == null || ratings.isNull()) {
			return;
		}
		if (!ratings.isObject()) {
			violations.add(new Violation("ratings", "feedback.api.ratings"));
			return;
		}
		for (String key : ratings.propertyNames()) {
			Optional<Signal> signal = Arrays.stream(Signal.values()).filter(s -> s.key().equals(key)).findFirst();
			if (signal.isEmpty()) {
				violations.add(new Violation("ratings." + key, "feedback.api.unknownSignal"));
			}
			else {
				entry.rating(signal.get(), wholeNumber(ratings.get(key), FeedbackRules.ratingField(signal.get())));
			}
		}
	}

	private void incidents(JsonNode incidents, BiConsumer<IncidentType, String> add) {
		if (incidents == null || incidents.isNull()) {
			return;
		}
		if (!incidents.isArray()) {
			violations.add(new Violation("incidents", "feedback.api.incidents"));
			return;
		}
		for (int i = 0; i < incidents.size(); i++) {
			JsonNode type = incidents.get(i);
			Optional<IncidentType> known = type.isString() ? parse(IncidentType.class, type.stringValue())
					: Optional.empty();
			if (known.isPresent()) {
				add.accept(known.get(), null);
			}
			else {
				violations.add(new Violation("incidents[" + i + "]", "feedback.api.oneOf", names(IncidentType.class)));
			}
		}
	}

	private String text(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			violations.add(new Violation(field, "feedback.api.notText"));
			return null;
		}
		return value.stringValue();
	}

	/** Text, or a whole number as text: CRM ids are often numbers. */
	private String identifier(JsonNode body, String field) {
		JsonNode value = body.get(field);
		if (value != null && value.isIntegralNumber()) {
			return value.numberValue().toString();
		}
		return text(body, field);
	}

	private <E extends Enum<E>> E constant(JsonNode body, String field, Class<E> type) {
		String value = text(body, field);
		if (value == null || hasViolation(field)) {
			return null;
		}
		Optional<E> parsed = parse(type, value);
		if (parsed.isEmpty()) {
			violations.add(new Violation(field, "feedback.api.oneOf", names(type)));
		}
		return parsed.orElse(null);
	}

	private Integer integer(JsonNode body, String field) {
		return wholeNumber(body.get(field), field);
	}

	private Integer wholeNumber(JsonNode value, String field) {
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToInt()) {
			return value.intValue();
		}
		if (value.isString() && value.stringValue().strip().matches("[+-]?\\d{1,9}")) {
			return Integer.valueOf(value.stringValue().strip());
		}
		violations.add(new Violation(field, "feedback.api.notWholeNumber"));
		return null;
	}

	private boolean hasViolation(String field) {
		return violations.stream().anyMatch(violation -> violation.field().equals(field));
	}

	private static String names(Class<? extends Enum<?>> type) {
		return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
	}

	private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
		try {
			return Optional.of(Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
