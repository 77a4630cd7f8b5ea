package io.shinrai.survey;

import java.time.Instant;

/**
 * A survey link as the customer page and the case page list it (never its token: only the
 * hash is stored).
 *
 * @param caseId the recovery case it asks about, or {@code null} ("ask for feedback")
 * @param feedbackId the customer's answer, once answered
 */
public record SurveyLinkView(long id, Long caseId, String createdBy, Instant createdAt, Instant expiresAt,
		Instant emailedAt, Instant openedAt, Instant answeredAt, Long feedbackId, SurveyLinkState state) {
}
