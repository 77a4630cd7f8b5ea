package io.shinrai.system;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The filters a list is showing, each with the address of the same list without it, so
 * that a list opened from a dashboard number says what it is filtered by and lets the
 * user drop that filter ({@code fragments/filters :: chips(chips)}). Removing a filter
 * also goes back to the first page.
 */
public final class FilterChips {

	/**
	 * One filter: the message key naming it, its value as text (or a message key when
	 * {@code valueIsKey}) and the list's address without it.
	 */
	public record Chip(String labelKey, String value, boolean valueIsKey, String removeUrl) {
	}

	private final HttpServletRequest request;

	private final List<Chip> chips = new ArrayList<>();

	private FilterChips(HttpServletRequest request) {
		this.request = request;
	}

	public static FilterChips of(HttpServletRequest request) {
		return new FilterChips(request);
	}

	/** A filter shown as text, removed by leaving out the parameters {@code params}. */
	public FilterChips text(String labelKey, String value, String... params) {
		chips.add(new Chip(labelKey, value, false, without(params)));
		return this;
	}

	/**
	 * A filter whose value is a message key (an enum label), removed by leaving out
	 * {@code params}.
	 */
	public FilterChips key(String labelKey, String valueKey, String... params) {
		chips.add(new Chip(labelKey, valueKey, true, without(params)));
		return this;
	}

	public List<Chip> list() {
		return List.copyOf(chips);
	}

	private String without(String... params) {
		String query = request.getQueryString();
		UriComponentsBuilder uri = UriComponentsBuilder
			.fromUriString(request.getRequestURI() + (query == null ? "" : "?" + query));
		for (String param : params) {
			uri.replaceQueryParam(param);
		}
		uri.replaceQueryParam("page");
		return uri.build(true).toUriString();
	}

}
