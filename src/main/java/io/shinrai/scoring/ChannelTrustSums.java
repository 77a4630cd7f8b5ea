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

	ChannelTrustSums(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ChannelTrust> channelTrust(Basis basis, ScoringPolicy policy, Instant from, Instant to, String segment,
			boolean perCustomer, int minEntries) {
		String keys = perCustomer ? "customer_id, segment, channel" : "segment, channel";
		double decay = basis.decayTo(to);
		return jdbc.sql("select " + keys + ", count(*) as entries, " + SumColumns.SUMMED
				+ " from scoring_contribution where basis_id = :basis and received_at >= :from and received_at < :to"
				+ (segment == null ? "" : " and segment = :segment") + " group by " + keys + " having count(*) >= :min")
			.param("basis", basis.id())
			.param("from", RowTime.timestamp(from))
			.param("to", RowTime.timestamp(to))
			.param("segment", segment == null ? "" : segment)
			.param("min", minEntries)
			.query((rs, row) -> new ChannelTrust(perCustomer ? rs.getLong("customer_id") : null,
					rs.getString("segment"), Channel.valueOf(rs.getString("channel")), rs.getLong("entries"),
					TrustCalculator.fromSums(SumColumns.decay(SumColumns.raw(rs), decay), policy)))
			.list();
	}

}
