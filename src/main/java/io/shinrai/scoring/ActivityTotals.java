package io.shinrai.scoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;

/**
 * What was received in a period per segment and channel: entries, the counts behind NPS,
 * CSAT and CES, and the incidents per type.
 */
@Component
class ActivityTotals {

	/** The counts read per cell, as the day sums name them. */
	private static final List<String> COUNT_COLUMNS = ScoringSql.DAY_COUNTS.stream()
		.filter(count -> !count.equals("negatives"))
		.toList();

	private static final String COUNTS = String.join(", ", COUNT_COLUMNS);

	private static final String SUMMED = String.join(", ",
			COUNT_COLUMNS.stream().map(count -> "sum(" + count + ") as " + count).toList());

	private final JdbcClient jdbc;

	private final BasisDays days;

	ActivityTotals(JdbcClient jdbc, BasisDays days) {
		this.jdbc = jdbc;
		this.days = days;
	}

	/**
	 * What was received in [from, to), per segment and channel. Whole months come from
	 * the monthly roll-ups, the other whole days from the daily sums; the partial days at
	 * both ends are read from the rows, each as the part inside the period or as its
	 * whole day less the part outside, whichever reads the shorter time (see
	 * {@link BasisDays.DayBounds#before}).
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
			// the days [firstDay, endDay): whole months, and the days before and after
			// them
			LocalDate firstDay = first.endDay();
			LocalDate endDay = last.endDay();
			LocalDate monthsFrom = firstDay.withDayOfMonth(1).equals(firstDay) ? firstDay
					: firstDay.withDayOfMonth(1).plusMonths(1);
			LocalDate monthsTo = endDay.withDayOfMonth(1);
			if (!monthsFrom.isBefore(monthsTo)) {
				monthsFrom = endDay;
				monthsTo = endDay;
			}
			parts.add("select segment, channel, " + COUNTS + " from trust_monthly_sums"
					+ " where basis_id = :basis and month >= :monthsFrom and month < :monthsTo");
			parts.add("select segment, channel, " + COUNTS + " from trust_daily_sums"
					+ " where basis_id = :basis and day >= :firstDay and day < :monthsFrom");
			parts.add("select segment, channel, " + COUNTS + " from trust_daily_sums"
					+ " where basis_id = :basis and day >= :monthsTo and day < :endDay");
			params.put("basis", basis.id());
			params.put("firstDay", firstDay);
			params.put("monthsFrom", monthsFrom);
			params.put("monthsTo", monthsTo);
			params.put("endDay", endDay);
		}
		return jdbc
			.sql("select segment, channel, " + SUMMED + " from (" + String.join(" union all ", parts)
					+ ") parts group by segment, channel")
			.params(params)
			.query((rs, row) -> counts(rs))
			.list();
	}

	private static ActivityCounts counts(ResultSet rs) throws SQLException {
		Map<IncidentType, Long> incidents = new EnumMap<>(IncidentType.class);
		for (IncidentType type : IncidentType.values()) {
			incidents.put(type, rs.getLong(ScoringSql.incidentCount(type)));
		}
		return new ActivityCounts(rs.getString("segment"), Channel.valueOf(rs.getString("channel")),
				rs.getLong("entries"), rs.getLong("nps_promoters"), rs.getLong("nps_detractors"),
				rs.getLong("nps_responses"), rs.getLong("csat_top2"), rs.getLong("csat_responses"),
				rs.getLong("ces_sum"), rs.getLong("ces_responses"), incidents);
	}

	/**
	 * SQL counting the rows received in [lo, hi) per segment and channel, times
	 * {@code sign}, named as the day sums' columns.
	 */
	private static String activityRows(Map<String, Object> params, String name, Instant lo, Instant hi, int sign) {
		params.put(name + "Lo", RowTime.timestamp(lo));
		params.put(name + "Hi", RowTime.timestamp(hi));
		String times = (sign < 0) ? "-1 * " : "";
		List<String> values = new ArrayList<>();
		values.add(times + "count(*) as entries");
		List<String> satisfaction = ScoringSql.satisfactionCountExpressions(column -> "f." + column);
		for (int i = 0; i < satisfaction.size(); i++) {
			values.add(times + satisfaction.get(i) + " as " + ScoringSql.DAY_COUNTS.get(2 + i));
		}
		for (IncidentType type : IncidentType.values()) {
			values.add(times + "sum(i." + ScoringSql.incidentCount(type) + ") as " + ScoringSql.incidentCount(type));
		}
		// at most a day of rows: each customer's segment is looked up by key (as a join,
		// the planner read all customers to match a few hundred entries)
		return """
				select f.segment, f.channel, %1$s
				from (select f.channel, f.nps, f.csat, f.ces, f.incident_types,
				             (select c.segment from customer c where c.id = f.customer_id) as segment
				      from feedback f where f.received_at >= :%2$sLo and f.received_at < :%2$sHi) f
				cross join lateral (select %3$s from unnest(f.incident_types) t) i
				group by f.segment, f.channel
				""".formatted(String.join(", ", values), name, ScoringSql.incidentCounts("t"));
	}

}
