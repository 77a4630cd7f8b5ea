package io.shinrai.survey;

/**
 * Where a survey link stands, latest first: answered, expired, opened by the customer,
 * e-mailed, or only created. Labels are {@code SurveyLinkState.NAME} in the message
 * bundles.
 */
public enum SurveyLinkState {

	CREATED, SENT, OPENED, ANSWERED, EXPIRED

}
