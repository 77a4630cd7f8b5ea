package io.shinrai.feedback.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/feedback}, mirroring a CSV row. This record documents
 * the shape for the OpenAPI description; {@link FeedbackRequestReader} reads the JSON
 * itself so that every wrong field is reported at once, in the caller's language, and
 * unknown fields are refused instead of ignored.
 */
@Schema(name = "NewFeedback", description = "A feedback entry to store; at least one rating, score or incident")
record FeedbackRequest(
		@Schema(description = "the sending system's id; the same id twice answers 409 with the stored entry",
				maxLength = 200, example = "crm-2026-000123") String externalId,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 100, example = "C-1001") String customerRef,
		@Schema(description = "required when customerRef is not known yet: the customer is created", maxLength = 200,
				example = "Tanaka Trading") String customerName,
		@Schema(description = "used when the customer is created", maxLength = 100, example = "Retail") String segment,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				description = "ISO-8601 instant (2026-05-01T10:15:00Z), or a local date-time (2026-05-01T19:15) or date"
						+ " (2026-05-01) in the business time zone; not in the future",
				example = "2026-05-01T10:15:00Z") String receivedAt,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {
				"EMAIL", "PHONE", "CHAT", "SOCIAL", "REVIEW_SITE", "SURVEY", "IN_PERSON", "OTHER" }) String channel,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED,
				allowableValues = { "PRODUCT", "SERVICE", "PRICE", "DELIVERY", "BILLING", "PRIVACY",
						"OTHER" }) String category,
		@Schema(description = "1–5 per signal: transparency, consistency, communication, quality, values",
				example = "{\"transparency\": 4, \"quality\": 2}") Map<String, Integer> ratings,
		@Schema(minimum = "0", maximum = "10") Integer nps, @Schema(minimum = "1", maximum = "5") Integer csat,
		@Schema(minimum = "1", maximum = "7", description = "7 = it was easy") Integer ces,
		@Schema(description = "incident types, e.g. BROKEN_PROMISE",
				example = "[\"BROKEN_PROMISE\"]") List<String> incidents,
		@Schema(maxLength = 4000) String comment){
}
