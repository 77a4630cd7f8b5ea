package io.shinrai.scoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;

/**
 * What was received in a period per segment and channel: entries and the counts behind
 * NPS, CSAT and CES.
 */
@Component
class ActivityTotals {

	private final JdbcClient jdbc;

	private final BasisDays days;

	ActivityTotals(JdbcClient jdbc, BasisDays days) {
		this.jdbc = jdbc;
		this.days = days;
	}

	/**
	 * What was received in [from, to), per segment and channel: entries and the counts
	 * behind NPS, CSAT and CES. Whole days come from the daily sums; the partial days at
	 * both ends are read from the rows, each as the part inside the period or as its
	 * whole day less the part outside, whichever reads the shorter time (see
	 * {@link #upTo}).
	 */
	List<ActivityCounts> activity(Basis basis, Instant from, Instant to) {
		Instant lower = RowTime.atOrAfter(from);
		Instant upper = RowTime.atOrAfter(to);
		Map<String, Object> params = new HashMap<>();
		List<String> parts = new ArrayList<>();
		List<BasisDays.DayBounds> bounds = (basis != null && lower.isBefore(upper))
				? days.daysOf(basis, List.of(lower, upper)) : null;
		if (bounds == null || bounds.get(0).day().equals(bounds.get(1).day())) {
			parts.add(activityRows(params, "period", lower, upper, 1));
		}
		else {
			// [from, to) = the entries before upper less those before lower
			BasisDays.DayBounds.Before first = bounds.get(0).before(lower);
			BasisDays.DayBounds.Before last = bounds.get(1).before(upper);
			parts.add(activityRows(params, "first", first.lo(), first.hi(), -first.sign()));
			parts.add(activityRows(params, "last", last.lo(), last.hi(), last.sign()));
			parts.add("select segment, channel, entries, nps_promoters, nps_detractors, nps_responses, csat_top2,"
					+ " csat_responses, ces_sum, ces_responses from trust_daily_sums"
					+ " where basis_id = :basis and day >= :firstDay and day < :endDay");
			params.put("basis", basis.id());
			params.put("firstDay", first.endDay());
			params.put("endDay", last.endDay());
		}
		return jdbc
			.sql("select segment, channel, sum(entries) as entries, sum(promoters) as promoters,"
					+ " sum(detractors) as detractors, sum(nps) as nps, sum(csat_top2) as csat_top2, sum(csat) as csat,"
					+ " sum(ces_sum) as ces_sum, sum(ces) as ces from (" + String.join(" union all ", parts)
					+ ") parts group by segment, channel")
			.params(params)
			.query((rs, row) -> new ActivityCounts(rs.getString("segment"), Channel.valueOf(rs.getString("channel")),
					rs.getLong("entries"), rs.getLong("promoters"), rs.getLong("detractors"), rs.getLong("nps"),
					rs.getLong("csat_top2"), rs.getLong("csat"), rs.getLong("ces_sum"), rs.getLong("ces")))
			.list();
	}

	/**
	 * SQL counting the rows received in [lo, hi) per segment and channel, times
	 * {@code sign}.
	 */
	private static String activityRows(Map<String, Object> params, String name, Instant lo, Instant hi, int sign) {
		params.put(name + "Lo", RowTime.timestamp(lo));
		params.put(name + "Hi", RowTime.timestamp(hi));
		String times = (sign < 0) ? "-1 * " : "";
		// at most a day of rows: each customer's segment is looked up by key (as a join,
		// the planner read all
		// customers to match a few hundred entries)
		return """
				select f.segment, f.channel, %1$scount(*) as entries, %3$s
				from (select f.channel, f.nps, f.csat, f.ces,
				             (select c.segment from customer c where c.id = f.customer_id) as segment
				      from feedback f where f.received_at >= :%2$sLo and f.received_at < :%2$sHi) f
				group by f.segment, f.channel
				""".formatted(times, name, ScoringSql.satisfactionCounts(column -> "f." + column, times));
	}

}
