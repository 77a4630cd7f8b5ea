package io.shinrai.scoring;

import java.util.List;

import io.shinrai.system.PageNav;

/** One page of the customers list and how many customers match in all. */
public record CustomerRankingPage(List<RankedCustomer> customers, long total, int page, int size) {

	public CustomerRankingPage {
		customers = List.copyOf(customers);
	}

	public int totalPages() {
		return PageNav.pages(total, size);
	}

	public boolean hasPrevious() {
		return page > 0;
	}

	public boolean hasNext() {
		return page + 1 < totalPages();
	}

}
