package io.shinrai.system;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Where a paged list stands and the links to its other pages, as {@code fragments/pager}
 * renders them. Pages count from 1 here, whatever the list's own {@code page} parameter
 * counts from: the list says how to address a page. {@code links} holds the page numbers
 * to offer (the first, the last and two either side of this one, a gap as 0), or nothing
 * when the list shows only "page n of m".
 */
public record PageNav(int number, int totalPages, String previousUrl, String nextUrl, List<Link> links) {

	public PageNav {
		links = List.copyOf(links);
	}

	/**
	 * Previous, "page n of m", next; {@code url} gives the address of a page counting
	 * from 1.
	 */
	public static PageNav of(int number, int totalPages, IntFunction<String> url) {
		return new PageNav(number, totalPages, url.apply(number - 1), url.apply(number + 1), List.of());
	}

	/**
	 * Like {@link #of}, with links to the first, the last and the pages around this one.
	 */
	public static PageNav numbered(int number, int totalPages, IntFunction<String> url) {
		List<Link> links = new ArrayList<>();
		for (int n = 1; n <= totalPages; n++) {
			if (n == 1 || n == totalPages || Math.abs(n - number) <= 2) {
				links.add(new Link(n, url.apply(n)));
			}
			else if (!links.get(links.size() - 1).gap()) {
				links.add(new Link(0, null));
			}
		}
		return new PageNav(number, totalPages, url.apply(number - 1), url.apply(number + 1), links);
	}

	/**
	 * The number of pages {@code total} items fill, {@code size} a page; an empty list
	 * has one (empty) page.
	 */
	public static int pages(long total, int size) {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	public boolean hasPrevious() {
		return number > 1;
	}

	public boolean hasNext() {
		return number < totalPages;
	}

	/** A link to a page; number 0 stands for the pages left out between two links. */
	public record Link(int number, String url) {

		public boolean gap() {
			return number == 0;
		}

	}

}
