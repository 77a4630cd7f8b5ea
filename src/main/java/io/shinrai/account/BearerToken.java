package io.shinrai.account;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;

/**
 * The credential of an {@code Authorization: Bearer …} header (RFC 6750), as the API and
 * the metrics scrape take it.
 */
final class BearerToken {

	private static final String PREFIX = "Bearer ";

	private BearerToken() {
	}

	/**
	 * The token the request sends, stripped; {@code null} when it sends no bearer token.
	 */
	static String of(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return null;
		}
		return header.substring(PREFIX.length()).strip();
	}

}
