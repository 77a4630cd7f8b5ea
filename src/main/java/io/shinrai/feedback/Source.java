package io.shinrai.feedback;

/**
 * How a feedback entry reached Shinrai: a manager's form, a CSV import, the API, a
 * customer's own answer on a survey link, or Shinrai itself (an entry generated from a
 * fact it tracks, such as a promise that was not kept).
 */
public enum Source {

	FORM, CSV, API, SURVEY, SYSTEM

}
