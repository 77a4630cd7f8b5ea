package io.shinrai.scoring;

import java.util.HashMap;
import java.util.Map;

import io.shinrai.feedback.Channel;
import io.shinrai.system.SegmentScope;

/**
 * Whose observations are pooled: everything, one segment, one channel, or both.
 * {@code null} means "all". Everything is further limited to the segments {@code within}
 * (a user's {@link SegmentScope}): the sums are kept per segment, so a set of segments is
 * scored exactly from its segments' rows of the sums.
 */
public record Scope(String segment, Channel channel, SegmentScope within) {

	public Scope {
		within = (within == null) ? SegmentScope.all() : within;
	}

	public Scope(String segment, Channel channel) {
		this(segment, channel, SegmentScope.all());
	}

	public static Scope company() {
		return new Scope(null, null);
	}

	/**
	 * Whether this scope is every entry: no segment, no channel, every segment within.
	 */
	boolean isCompany() {
		return segment == null && channel == null && within.isAll();
	}

	/** Whether the cells of {@code cellSegment} count in this scope at all. */
	boolean covers(String cellSegment) {
		return within.includes(cellSegment) && (segment == null || segment.equals(cellSegment));
	}

	/**
	 * Whether a breakdown of this scope by segment includes the cells of
	 * {@code cellChannel}.
	 */
	boolean listsSegmentsOf(Channel cellChannel) {
		return channel == null || channel == cellChannel;
	}

	/**
	 * Whether a breakdown of this scope by channel includes the cells of
	 * {@code cellSegment}.
	 */
	boolean listsChannelsOf(String cellSegment) {
		return segment == null || segment.equals(cellSegment);
	}

	/**
	 * The condition on the rows of the sums tables and the contribution view
	 * ({@code and …}, or nothing).
	 */
	String sumsFilter() {
		return (segment != null ? " and segment = :segment" : "") + (channel != null ? " and channel = :channel" : "")
				+ (within.isAll() ? "" : " and " + within.sql("segment"));
	}

	/** The condition on feedback rows {@code f} joined to their customer {@code c}. */
	String rowsFilter() {
		return "true" + (segment != null ? " and c.segment = :segment" : "")
				+ (channel != null ? " and f.channel = :channel" : "")
				+ (within.isAll() ? "" : " and " + within.sql("c.segment"));
	}

	/** The parameters of {@link #sumsFilter} and {@link #rowsFilter}. */
	Map<String, Object> params() {
		Map<String, Object> params = new HashMap<>();
		if (segment != null) {
			params.put("segment", segment);
		}
		if (channel != null) {
			params.put("channel", channel.name());
		}
		params.putAll(within.params());
		return params;
	}

}
