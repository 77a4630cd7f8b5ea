package io.shinrai.survey;

import io.shinrai.system.ContentSecurityPolicies;

/**
 * What the survey pages answer with outside Spring Security (the guard filter's
 * refusals), the same as the survey chain in {@code SecurityConfiguration} sets.
 */
final class SurveySecurity {

	/** The public page's paths. */
	static final String PATHS = "/s/**";

	/** Where a survey post with a missing or stale CSRF token is forwarded. */
	static final String FORM_EXPIRED_PATH = SurveyPageController.FORM_EXPIRED_PATH;

	/**
	 * The CSRF cookie of the public page (the double-submit token; there is no session to
	 * keep it in).
	 */
	static final String CSRF_COOKIE = "shinrai-survey-csrf";

	/**
	 * The page's content security policy, the one the survey chain in
	 * {@code SecurityConfiguration} sets too.
	 */
	static final String CONTENT_SECURITY_POLICY = ContentSecurityPolicies.SURVEY_PAGE;

	private SurveySecurity() {
	}

}
