package io.shinrai.survey;

import java.util.Locale;

/**
 * What the public page may know about the link it was opened with: its state, and for a
 * usable link only the greeting name and language of the customer, nothing else.
 *
 * @param state {@code null} for an unknown token
 * @param greetingName {@code null} unless the link can be answered
 * @param language the customer's language; {@code null} for an unknown token (the page
 * then follows the browser)
 * @param aboutCase whether the link asks about a recovery case ("did we put it right?")
 */
public record SurveyInvitation(SurveyLinkState state, String greetingName, Locale language, boolean aboutCase) {

	static SurveyInvitation unknown() {
		return new SurveyInvitation(null, null, null, false);
	}

	/** The customer may still answer. */
	public boolean isAnswerable() {
		return state != null && state != SurveyLinkState.ANSWERED && state != SurveyLinkState.EXPIRED;
	}

	public boolean isUnknown() {
		return state == null;
	}

}
