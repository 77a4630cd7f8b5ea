package io.shinrai.feedback.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import io.shinrai.feedback.StoredFeedback;

/**
 * A stored feedback entry as the JSON API shows it. Ratings use the signal keys of
 * docs/scoring.md.
 */
@Schema(name = "Feedback", description = "A stored feedback entry")
record FeedbackResource(long id, String externalId, String customerRef, String customerName, String segment,
		Instant receivedAt, String channel, String category,
		@Schema(description = "1–5 per rated signal; signals that were not rated are absent",
				example = "{\"transparency\": 4, \"quality\": 2}") Map<String, Integer> ratings,
		Integer nps, Integer csat, Integer ces, List<String> incidents,
		@Schema(description = "the one-line explanation given for an incident, by type") Map<String, String> incidentNotes,
		String comment, boolean negative, String source, String loggedBy, Instant loggedAt, long version) {

	static FeedbackResource of(StoredFeedback entry) {
		Map<String, Integer> ratings = new LinkedHashMap<>();
		entry.ratings().forEach((signal, rating) -> ratings.put(signal.key(), rating));
		Map<String, String> notes = new LinkedHashMap<>();
		entry.incidents().forEach((type, note) -> {
			if (note != null) {
				notes.put(type.name(), note);
			}
		});
		return new FeedbackResource(entry.id(), entry.externalId(), entry.customerRef(), entry.customerName(),
				entry.customerSegment(), entry.receivedAt(), entry.channel().name(), entry.category().name(), ratings,
				entry.nps(), entry.csat(), entry.ces(), entry.incidents().keySet().stream().map(Enum::name).toList(),
				notes, entry.comment(), entry.negative(), entry.source().name(), entry.loggedBy(), entry.loggedAt(),
				entry.version());
	}

	/** One page of entries; pages count from 0. */
	@Schema(name = "FeedbackPage")
	record Page(List<FeedbackResource> content, int page, int size, long totalElements, int totalPages) {

		static Page of(org.springframework.data.domain.Page<StoredFeedback> page) {
			return new Page(page.getContent().stream().map(FeedbackResource::of).toList(), page.getNumber(),
					page.getSize(), page.getTotalElements(), page.getTotalPages());
		}

	}

}
