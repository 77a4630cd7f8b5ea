package io.shinrai.scoring;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;

/**
 * What was received in a period for one segment and channel: entries, the counts behind
 * NPS, CSAT and CES, and the incidents per type (only types that occurred). Counts of
 * several cells add up; {@link #ZERO} is the empty sum.
 */
public record ActivityCounts(String segment, Channel channel, long entries, long promoters, long detractors,
		long npsResponses, long csatTop2, long csatResponses, long cesSum, long cesResponses,
		Map<IncidentType, Long> incidents) {

	public static final ActivityCounts ZERO = new ActivityCounts(null, null, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

	public ActivityCounts {
		Map<IncidentType, Long> occurred = new EnumMap<>(IncidentType.class);
		incidents.forEach((type, count) -> {
			if (count != 0) {
				occurred.put(type, count);
			}
		});
		incidents = Map.copyOf(occurred);
	}

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
		Map<IncidentType, Long> both = new EnumMap<>(IncidentType.class);
		both.putAll(incidents);
		o.incidents.forEach((type, count) -> both.merge(type, count, Long::sum));
		return new ActivityCounts(null, null, entries + o.entries, promoters + o.promoters, detractors + o.detractors,
				npsResponses + o.npsResponses, csatTop2 + o.csatTop2, csatResponses + o.csatResponses,
				cesSum + o.cesSum, cesResponses + o.cesResponses, both);
	}

	public SatisfactionMetrics satisfaction() {
		return SatisfactionMetrics.fromCounts(promoters, detractors, npsResponses, csatTop2, csatResponses, cesSum,
				cesResponses);
	}

}
