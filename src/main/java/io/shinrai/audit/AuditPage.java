package io.shinrai.audit;

import java.util.List;

import io.shinrai.system.PageNav;

/** One page of audit events, newest first. {@code page} counts from 1. */
public record AuditPage(List<AuditEvent> events, long total, int page, int size) {

	public AuditPage {
		events = List.copyOf(events);
	}

	public int totalPages() {
		return PageNav.pages(total, size);
	}

	public boolean hasPrevious() {
		return page > 1;
	}

	public boolean hasNext() {
		return page < totalPages();
	}

}
