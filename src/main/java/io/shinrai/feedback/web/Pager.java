package io.shinrai.feedback.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Addresses of the pages of a list that keep every other query parameter (the filters) as
 * they are.
 */
final class Pager {

	private Pager() {
	}

	/**
	 * This request's path and parameters (relative, so links stay on this host whatever
	 * the Host header said).
	 */
	static UriComponentsBuilder currentQuery(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> builder.queryParam(name, (Object[]) values));
		return builder;
	}

	/**
	 * The address of page {@code number} (counting from 0, as the list's parameter does).
	 */
	static String url(UriComponentsBuilder current, int number) {
		return current.cloneBuilder().replaceQueryParam("page", number).encode().build().toUriString();
	}

	/**
	 * The address of {@code path} with the filters of the current request: what the list
	 * shows, without its paging and without parameters left empty.
	 */
	static String withFilters(HttpServletRequest request, String path) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getContextPath() + path);
		request.getParameterMap().forEach((name, values) -> {
			if (!"page".equals(name) && !"size".equals(name)) {
				for (String value : values) {
					if (!value.isBlank()) {
						builder.queryParam(name, value);
					}
				}
			}
		});
		return builder.encode().build().toUriString();
	}

}
