package io.shinrai.scoring;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;

/**
 * The trust of each channel's entries of one period, per segment or per customer, from
 * the basis' contributions.
 */
@Component
class ChannelTrustSums {

	private final JdbcClient jdbc;

	private final BasisDays days;

	ChannelTrustSums(JdbcClient jdbc, BasisDays days) {
		this.jdbc = jdbc;
		this.days = days;
	}

	List<ChannelTrust> channelTrust(Basis basis, ScoringPolicy policy, Instant from, Instant to, String segment,
			boolean perCustomer, int minEntries) {
		double decay = basis.decayTo(to);
		List<BasisDays.DayBounds> bounds = perCustomer || !from.isBefore(to) ? null
				: days.daysOf(basis, List.of(from, to));
		String sql;
		if (perCustomer) {
			sql = perCustomer(segment);
		}
		else if (bounds != null && bounds.get(0).start().equals(from) && bounds.get(1).start().equals(to)) {
			// [from, to) is made of whole days of the basis, whose daily sums hold
			// exactly
			// its entries' contributions
			sql = perSegmentFromDailySums(segment);
		}
		else {
			sql = perSegment(segment);
		}
		return jdbc.sql(sql)
			.param("basis", basis.id())
			.param("from", RowTime.timestamp(from))
			.param("to", RowTime.timestamp(to))
			.param("fromDay", bounds == null ? null : bounds.get(0).day())
			.param("toDay", bounds == null ? null : bounds.get(1).day())
			.param("segment", segment == null ? "" : segment)
			.param("min", minEntries)
			.query((rs, row) -> new ChannelTrust(perCustomer ? rs.getLong("customer_id") : null,
					rs.getString("segment"), Channel.valueOf(rs.getString("channel")), rs.getLong("entries"),
					TrustCalculator.fromSums(SumColumns.decay(SumColumns.raw(rs), decay), policy)))
			.list();
	}

	/** A day's sums are split into shards: their sum is the day's. */
	private static String perSegmentFromDailySums(String segment) {
		return "select segment, channel, sum(entries) as entries, " + SumColumns.SUMMED
				+ " from trust_daily_sums where basis_id = :basis and day >= :fromDay and day < :toDay"
				+ (segment == null ? "" : " and segment = :segment")
				+ " group by segment, channel having sum(entries) >= :min";
	}

	private static String perSegment(String segment) {
		return "select segment, channel, count(*) as entries, " + SumColumns.SUMMED
				+ " from scoring_contribution where basis_id = :basis and received_at >= :from and received_at < :to"
				+ (segment == null ? "" : " and segment = :segment")
				+ " group by segment, channel having count(*) >= :min";
	}

	/**
	 * Only the entries of customers' channels with enough entries go through the
	 * contributions (a narrow count over the period's rows finds them: most customers
	 * have one or two entries in a period), and the customer's segment is looked up after
	 * adding up, so the contributions need no join with the customers.
	 */
	private static String perCustomer(String segment) {
		return """
				select s.*, c.segment
				from (select customer_id, channel, count(*) as entries, %s
				      from scoring_contribution
				      where basis_id = :basis and received_at >= :from and received_at < :to
				        and feedback_id in (select id from (select id, count(*) over (partition by customer_id, channel) as n
				                                            from feedback where received_at >= :from and received_at < :to) f
				                            where n >= :min)
				      group by customer_id, channel having count(*) >= :min) s
				left join customer c on c.id = s.customer_id
				"""
			.formatted(SumColumns.SUMMED) + (segment == null ? "" : " where c.segment = :segment");
	}

}
