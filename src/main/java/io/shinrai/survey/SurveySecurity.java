package io.shinrai.survey;

/**
 * What the survey pages answer with outside Spring Security (the guard filter's refusals), the same as the survey
 * chain in {@code SecurityConfiguration} sets (which cannot use this class: {@code account} comes before
 * {@code survey}).
 */
final class SurveySecurity {

	/** The public page's paths. */
	static final String PATHS = "/s/**";

	/** Where a survey post with a missing or stale CSRF token is forwarded. */
	static final String FORM_EXPIRED_PATH = SurveyPageController.FORM_EXPIRED_PATH;

	/** The CSRF cookie of the public page (the double-submit token; there is no session to keep it in). */
	static final String CSRF_COOKIE = "shinrai-survey-csrf";

	/**
	 * Nothing but this site's style sheets, no script at all, forms only to this site, no framing, no base
	 * rewriting.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private SurveySecurity() {
	}

}
