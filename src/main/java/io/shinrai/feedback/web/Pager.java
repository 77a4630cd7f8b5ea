package io.shinrai.feedback.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.data.domain.Page;
import org.springframework.web.util.UriComponentsBuilder;

/** Links to the pages of a list that keep every other query parameter (the filters) as they are. */
public final class Pager {

	private final Page<?> page;

	private final UriComponentsBuilder current;

	public Pager(Page<?> page, UriComponentsBuilder current) {
		this.page = page;
		this.current = current;
	}

	/** This request's path and parameters (relative, so links stay on this host whatever the Host header said). */
	public static UriComponentsBuilder currentQuery(HttpServletRequest request) {
		UriComponentsBuilder builder = UriComponentsBuilder.fromPath(request.getRequestURI());
		request.getParameterMap().forEach((name, values) -> builder.queryParam(name, (Object[]) values));
		return builder;
	}

	public String url(int number) {
		return current.cloneBuilder().replaceQueryParam("page", number).encode().build().toUriString();
	}

	/** The page numbers to offer: the first, the last and a few around the current one (-1 marks a gap). */
	public List<Integer> numbers() {
		List<Integer> numbers = new ArrayList<>();
		int last = page.getTotalPages() - 1;
		int current = page.getNumber();
		for (int n = 0; n <= last; n++) {
			if (n == 0 || n == last || Math.abs(n - current) <= 2) {
				numbers.add(n);
			}
			else if (numbers.get(numbers.size() - 1) != -1) {
				numbers.add(-1);
			}
		}
		return numbers;
	}

}
