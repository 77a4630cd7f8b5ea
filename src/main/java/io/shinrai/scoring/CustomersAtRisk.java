package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.system.SegmentScope;

/**
 * The customers to worry about first: how many are AT_RISK and WATCH as of an instant,
 * and the lowest trust among the customers with the most recent negatives inside the risk
 * window (status and trust as {@link TrustScores}).
 */
@Service
@Transactional(readOnly = true)
public class CustomersAtRisk {

	private final JdbcClient jdbc;

	private final TrustScores trustScores;

	CustomersAtRisk(JdbcClient jdbc, TrustScores trustScores) {
		this.jdbc = jdbc;
		this.trustScores = trustScores;
	}

	/**
	 * AT_RISK and WATCH counts, and the {@code listSize} most worrying customers, the
	 * lowest trust first.
	 */
	public record Watchlist(long atRisk, long watch, List<RankedCustomer> customers) {

		public Watchlist {
			customers = List.copyOf(customers);
		}

	}

	/**
	 * The watchlist of a segment ({@code null}: every customer; a customer's status
	 * counts all its channels) as of {@code asOf}: the {@code candidates} customers with
	 * the most recent negatives are scored, and the {@code listSize} most worrying of
	 * them listed.
	 */
	public Watchlist watchlist(String segment, Instant asOf, int candidates, int listSize) {
		return watchlist(SegmentScope.all().narrow(segment), asOf, candidates, listSize);
	}

	/**
	 * {@link #watchlist(String, Instant, int, int)} of the customers of the segments in
	 * {@code segments}.
	 */
	public Watchlist watchlist(SegmentScope segments, Instant asOf, int candidates, int listSize) {
		ScoringPolicy policy = trustScores.activePolicy();
		String join = !segments.isAll() ? " join customer c on c.id = f.customer_id" : "";
		String negatives = "select f.customer_id, count(*) as negatives, max(f.received_at) as latest from feedback f"
				+ join + " where f.negative and f.received_at > :windowStart and f.received_at <= :asOf"
				+ (!segments.isAll() ? " and " + segments.sql("c.segment") : "") + " group by f.customer_id";
		Map<String, Object> params = new LinkedHashMap<>(segments.params());
		params.put("windowStart", RowTime.timestamp(asOf.minus(Duration.ofDays(policy.riskWindowDays()))));
		params.put("asOf", RowTime.timestamp(asOf));
		params.put("atRisk", policy.atRiskCount());
		String atRisk = "'" + CustomerStatus.AT_RISK + "'";
		// one pass over the window's negatives for both the counts and the candidates
		long[] counts = new long[2];
		List<RankedCustomer> found = new ArrayList<>();
		jdbc.sql("with n as materialized (" + negatives + ")," + " counts as (select count(*) filter (where "
				+ ScoringSql.status("negatives") + " = " + atRisk + ") as at_risk, count(*) filter (where "
				+ ScoringSql.status("negatives") + " <> " + atRisk + ") as watch from n)"
				+ " select k.at_risk, k.watch, t.* from counts k left join lateral ("
				+ " select top.*, c.reference, c.name, c.segment from (select * from n"
				+ " order by (n.negatives >= :atRisk) desc, n.negatives desc, n.latest desc, n.customer_id limit :limit)"
				+ " top join customer c on c.id = top.customer_id"
				+ ") t on true order by (t.negatives >= :atRisk) desc, t.negatives desc, t.latest desc, t.customer_id")
			.params(params)
			.param("limit", candidates)
			.query(rs -> {
				counts[0] = rs.getLong("at_risk");
				counts[1] = rs.getLong("watch");
				long id = rs.getLong("customer_id");
				if (!rs.wasNull()) {
					found.add(new RankedCustomer(id, rs.getString("reference"), rs.getString("name"),
							rs.getString("segment"), null, null, null, 0, null));
				}
			});
		Map<Long, CustomerTrust> trusts = trustScores.forCustomers(found.stream().map(RankedCustomer::id).toList(),
				asOf);
		List<RankedCustomer> scored = found.stream().map(customer -> {
			CustomerTrust trust = trusts.get(customer.id());
			return new RankedCustomer(customer.id(), customer.reference(), customer.name(), customer.segment(),
					trust.score().trust(), trust.score().band(), trust.status(), trust.negativeCount(), null);
		}).toList();
		return new Watchlist(counts[0], counts[1],
				scored.stream()
					.sorted(Comparator.comparing(RankedCustomer::status)
						.reversed()
						.thenComparing(RankedCustomer::trust, Comparator.nullsLast(Comparator.naturalOrder())))
					.limit(listSize)
					.toList());
	}

}
