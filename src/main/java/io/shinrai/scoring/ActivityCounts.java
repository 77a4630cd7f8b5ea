package io.shinrai.scoring;

import java.util.Collection;

import io.shinrai.feedback.Channel;

/**
 * What was received in a period for one segment and channel: entries, and the counts
 * behind NPS, CSAT and CES. Counts of several cells add up; {@link #ZERO} is the empty
 * sum.
 */
public record ActivityCounts(String segment, Channel channel, long entries, long promoters, long detractors,
		long npsResponses, long csatTop2, long csatResponses, long cesSum, long cesResponses) {

	public static final ActivityCounts ZERO = new ActivityCounts(null, null, 0, 0, 0, 0, 0, 0, 0, 0);

	/** The sum of the cells that belong to {@code scope}. */
	public static ActivityCounts total(Collection<ActivityCounts> cells, Scope scope) {
		ActivityCounts sum = ZERO;
		for (ActivityCounts cell : cells) {
			if (cell.matches(scope)) {
				sum = sum.plus(cell);
			}
		}
		return sum;
	}

	/**
	 * Whether this cell belongs to {@code scope} ({@code null} segment or channel: any).
	 */
	public boolean matches(Scope scope) {
		return scope.within().includes(segment) && (scope.segment() == null || scope.segment().equals(segment))
				&& (scope.channel() == null || scope.channel() == channel);
	}

	/** The counts of both cells, belonging to no single segment or channel. */
	public ActivityCounts plus(ActivityCounts o) {
		return new ActivityCounts(null, null, entries + o.entries, promoters + o.promoters, detractors + o.detractors,
				npsResponses + o.npsResponses, csatTop2 + o.csatTop2, csatResponses + o.csatResponses,
				cesSum + o.cesSum, cesResponses + o.cesResponses);
	}

	public SatisfactionMetrics satisfaction() {
		return SatisfactionMetrics.fromCounts(promoters, detractors, npsResponses, csatTop2, csatResponses, cesSum,
				cesResponses);
	}

}
