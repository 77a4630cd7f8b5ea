package io.shinrai.feedback.web;

import java.util.ArrayList;
import java.util.List;

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

	public String url(int number) {
		String url = current.cloneBuilder().replaceQueryParam("page", number).build().encode().toUriString();
		// relative, so the links stay on this host whatever the Host header said
		int schemeEnd = url.indexOf("://");
		return schemeEnd < 0 ? url : url.substring(url.indexOf('/', schemeEnd + 3));
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
