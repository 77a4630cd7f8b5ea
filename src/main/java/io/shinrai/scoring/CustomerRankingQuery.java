package io.shinrai.scoring;

import java.time.Instant;
import java.util.Objects;

import io.shinrai.system.SegmentScope;

/**
 * One page of the customers list: optional text (in name or reference), segment, band and
 * status filters, an order, a zero-based page of {@code size} rows, scored as of
 * {@code asOf}, among the customers of the segments {@code within}.
 */
public record CustomerRankingQuery(String text, String segment, Band band, CustomerStatus status, CustomerSort sort,
		int page, int size, Instant asOf, SegmentScope within) {

	public static final int MAX_SIZE = 200;

	public CustomerRankingQuery {
		Objects.requireNonNull(sort, "sort");
		Objects.requireNonNull(asOf, "asOf");
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw new IllegalArgumentException("page " + page + " of size " + size);
		}
		text = (text == null || text.isBlank()) ? null : text.strip();
		segment = (segment == null || segment.isEmpty()) ? null : segment;
		within = (within == null) ? SegmentScope.all() : within;
	}

	/** Among every customer. */
	public CustomerRankingQuery(String text, String segment, Band band, CustomerStatus status, CustomerSort sort,
			int page, int size, Instant asOf) {
		this(text, segment, band, status, sort, page, size, asOf, SegmentScope.all());
	}

	/** This query among the customers of the segments {@code scope}. */
	public CustomerRankingQuery within(SegmentScope scope) {
		return new CustomerRankingQuery(text, segment, band, status, sort, page, size, asOf, scope);
	}

}
