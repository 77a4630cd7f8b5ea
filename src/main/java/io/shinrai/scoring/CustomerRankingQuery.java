package io.shinrai.scoring;

import java.time.Instant;
import java.util.Objects;

/**
 * One page of the customers list: optional text (in name or reference), segment, band and status filters, an order,
 * a zero-based page of {@code size} rows, scored as of {@code asOf}.
 */
public record CustomerRankingQuery(String text, String segment, Band band, CustomerStatus status, CustomerSort sort,
		int page, int size, Instant asOf) {

	public static final int MAX_SIZE = 200;

	public CustomerRankingQuery {
		Objects.requireNonNull(sort, "sort");
		Objects.requireNonNull(asOf, "asOf");
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("page " + page + " of size " + size);
		}
		text = (text == null || text.isBlank()) ? null : text.strip();
		segment = (segment == null || segment.isEmpty()) ? null : segment;
	}

}
