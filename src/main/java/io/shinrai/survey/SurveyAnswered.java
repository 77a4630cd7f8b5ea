package io.shinrai.survey;

/**
 * A customer answered a survey link; published inside the transaction that stored the
 * answer as feedback entry {@code feedbackId}.
 *
 * @param caseId the recovery case the link asked about, or {@code null}
 * @param confirmedCase whether the answer confirmed the case's resolution
 */
public record SurveyAnswered(long linkId, long customerId, Long caseId, long feedbackId, boolean negative,
		boolean confirmedCase) {
}
