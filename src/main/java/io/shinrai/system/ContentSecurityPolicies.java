package io.shinrai.system;

/**
 * Content security policies defined once, for the security configuration and for the
 * filters that answer before it.
 */
public final class ContentSecurityPolicies {

	/**
	 * The public survey page customers answer without signing in: nothing but this site's
	 * style sheets, no script at all, forms only to this site, no framing, no base
	 * rewriting.
	 */
	public static final String SURVEY_PAGE = "default-src 'none'; style-src 'self'; img-src 'self'; "
			+ "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private ContentSecurityPolicies() {
	}

}
