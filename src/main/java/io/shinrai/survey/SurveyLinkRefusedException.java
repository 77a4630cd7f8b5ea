package io.shinrai.survey;

import io.shinrai.system.FieldRefusedException;

/**
 * A survey link cannot be created as asked; {@link #messageKey()} says why, for a page or
 * the API.
 */
public class SurveyLinkRefusedException extends FieldRefusedException {

	SurveyLinkRefusedException(String field, String messageKey, Object... arguments) {
		super(field, messageKey, arguments);
	}

}
