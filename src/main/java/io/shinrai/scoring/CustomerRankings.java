package io.shinrai.scoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.Signal;

/**
 * The customers list: every customer scored as of an instant, in SQL, so that it can be filtered by band and status,
 * sorted by trust and paged without reading every feedback entry. Each customer's trust comes from its forward-decay
 * sums times 2^(−(T − landmark)/H) (see {@link Basis}), with exactly the arithmetic of
 * {@link TrustCalculator#fromSums}; customers with entries after T (future-dated ones) are summed from their rows up
 * to T instead, so nothing after T ever counts.
 */
@Service
@Transactional(readOnly = true)
public class CustomerRankings {

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	CustomerRankings(JdbcClient jdbc, ScoringPolicies policies) {
		this.jdbc = jdbc;
		this.policies = policies;
	}

	public CustomerRankingPage find(CustomerRankingQuery query) {
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Basis basis = serving.basis();
		Instant t = TrustScores.micros(query.asOf());
		boolean fromSums = basis != null && basis.covers(query.asOf());
		Map<String, Object> params = new HashMap<>();
		params.put("t", TrustScores.timestamp(t));
		params.put("windowStart",
				TrustScores.timestamp(TrustScores.micros(query.asOf().minus(Duration.ofDays(policy.riskWindowDays())))));
		params.put("f", fromSums ? basis.decayTo(query.asOf()) : 1.0);
		params.put("m", policy.priorStrength());
		params.put("mu", policy.priorMean());
		params.put("low", policy.lowThreshold());
		params.put("high", policy.highThreshold());
		params.put("atRisk", policy.atRiskCount());
		for (Signal signal : Signal.values()) {
			params.put("weight_" + signal.key(), policy.weight(signal));
		}
		String sums;
		if (fromSums) {
			params.put("basis", basis.id());
			sums = """
					late as materialized (select distinct customer_id from feedback where received_at > :t),
					sums as (
					    select s.customer_id, %1$s, s.last_received_at from customer_trust_sums s
					    where s.basis_id = :basis and not exists (select 1 from late where late.customer_id = s.customer_id)
					    union all
					    select customer_id, %2$s, max(received_at) from scoring_contribution
					    where basis_id = :basis and customer_id in (select customer_id from late) and received_at <= :t
					    group by customer_id)
					""".formatted(SumColumns.join("s.%1$s"), SumColumns.SUMMED);
		}
		else {
			// before the first basis is built: exact, from every row
			params.put("weights", PolicyJson.incidentWeights(policy.severities()));
			params.put("epoch", query.asOf().getEpochSecond() + query.asOf().getNano() / 1e9);
			params.put("halfLife", policy.halfLifeDays());
			sums = """
					p as (select cast(:weights as jsonb) as w),
					sums as (
					    select f.customer_id, %1$s, max(f.received_at) as last_received_at
					    from feedback f cross join p
					    cross join lateral (select %2$s) o
					    cross join lateral (%3$s) d
					    where f.received_at <= :t group by f.customer_id)
					""".formatted(RawSql.summed("d", "", ""), RawSql.observationColumns("p.w", ""),
					RawSql.decay(":halfLife"));
		}
		List<String> where = new ArrayList<>();
		if (query.text() != null) {
			where.add("(lower(c.name) like :text escape '\\' or lower(c.reference) like :text escape '\\')");
			params.put("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
		}
		if (query.segment() != null) {
			where.add("c.segment = :segment");
			params.put("segment", query.segment());
		}
		List<String> outer = new ArrayList<>();
		if (query.band() != null) {
			outer.add("band = :band");
			params.put("band", query.band().name());
		}
		if (query.status() != null) {
			outer.add("status = :status");
			params.put("status", query.status().name());
		}
		params.put("limit", query.size());
		params.put("offset", (long) query.page() * query.size());
		String sql = """
				with %s,
				negatives as (
				    select customer_id, count(*) as n from feedback
				    where negative and received_at > :windowStart and received_at <= :t group by customer_id)
				select *, count(*) over () as total from (
				    select c.id, c.reference, c.name, c.segment, s.last_received_at, tr.trust,
				           case when tr.trust is null then null when tr.trust >= :high then 'HIGH'
				                when tr.trust < :low then 'LOW' else 'MEDIUM' end as band,
				           coalesce(n.n, 0) as negatives,
				           case when coalesce(n.n, 0) >= :atRisk then 'AT_RISK' when coalesce(n.n, 0) >= 1 then 'WATCH'
				                else 'OK' end as status
				    from customer c
				    left join sums s on s.customer_id = c.id
				    left join negatives n on n.customer_id = c.id
				    %s
				    where %s) ranked
				where %s
				order by %s
				limit :limit offset :offset
				""".formatted(sums, trustExpression(), where.isEmpty() ? "true" : String.join(" and ", where),
				outer.isEmpty() ? "true" : String.join(" and ", outer), order(query.sort()));
		long[] total = { 0 };
		List<RankedCustomer> customers = jdbc.sql(sql).params(params).query((rs, row) -> {
			total[0] = rs.getLong("total");
			Double trust = rs.getObject("trust", Double.class);
			String band = rs.getString("band");
			Timestamp last = rs.getTimestamp("last_received_at");
			return new RankedCustomer(rs.getLong("id"), rs.getString("reference"), rs.getString("name"),
					rs.getString("segment"), trust, band == null ? null : Band.valueOf(band),
					CustomerStatus.valueOf(rs.getString("status")), rs.getLong("negatives"),
					last == null ? null : last.toInstant());
		}).list();
		if (customers.isEmpty() && query.page() > 0) {
			total[0] = count(query);
		}
		return new CustomerRankingPage(customers, total[0], query.page(), query.size());
	}

	/** How many customers are AT_RISK and WATCH as of {@code asOf} (the rest are OK). */
	public Map<CustomerStatus, Long> countByStatus(Instant asOf) {
		ScoringPolicy policy = policies.servingState().policy();
		Map<CustomerStatus, Long> counts = new EnumMap<>(CustomerStatus.class);
		jdbc.sql("""
				select count(*) filter (where n >= :atRisk) as at_risk, count(*) filter (where n < :atRisk) as watch,
				       (select count(*) from customer) as customers
				from (select customer_id, count(*) as n from feedback
				      where negative and received_at > :windowStart and received_at <= :t group by customer_id) n
				""")
			.param("atRisk", policy.atRiskCount())
			.param("windowStart",
					TrustScores.timestamp(TrustScores.micros(asOf.minus(Duration.ofDays(policy.riskWindowDays())))))
			.param("t", TrustScores.timestamp(TrustScores.micros(asOf)))
			.query(rs -> {
				counts.put(CustomerStatus.AT_RISK, rs.getLong("at_risk"));
				counts.put(CustomerStatus.WATCH, rs.getLong("watch"));
				counts.put(CustomerStatus.OK, rs.getLong("customers") - rs.getLong("at_risk") - rs.getLong("watch"));
			});
		return counts;
	}

	/** The customers' segments, in order (for filters). */
	public List<String> segments() {
		// a loose index scan: one index probe per distinct segment instead of reading every customer
		return jdbc.sql("""
				with recursive s as (
				    select min(segment) as segment from customer
				    union all
				    select (select min(segment) from customer where segment > s.segment) from s where s.segment is not null)
				select segment from s where segment is not null
				""")
			.query(String.class)
			.list();
	}

	private long count(CustomerRankingQuery query) {
		return find(new CustomerRankingQuery(query.text(), query.segment(), query.band(), query.status(),
				query.sort(), 0, 1, query.asOf())).total();
	}

	/**
	 * Lateral subqueries giving {@code tr.trust} from the row {@code s} of sums: the arithmetic of
	 * {@link TrustCalculator#fromSums}, in the same order, so that both agree to the last bits.
	 */
	private static String trustExpression() {
		List<String> decayed = new ArrayList<>();
		List<String> evidence = new ArrayList<>();
		List<String> scores = new ArrayList<>();
		List<String> numerator = new ArrayList<>();
		List<String> denominator = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			String k = signal.key();
			decayed.add("s.wp_" + k + " * :f as p_" + k);
			decayed.add("s.w_" + k + " * :f as e_" + k);
			evidence.add("e.e_" + k);
			scores.add("case when ev.evidence > 0 and (e.e_" + k + " > 0 or :m > 0) then (e.p_" + k
					+ " + :m * :mu) / (e.e_" + k + " + :m) end as s_" + k);
			numerator.add("coalesce(:weight_" + k + " * sg.s_" + k + ", 0)");
			denominator.add("case when sg.s_" + k + " is not null then :weight_" + k + " else 0 end");
		}
		return "cross join lateral (select " + String.join(", ", decayed) + ") e"
				+ " cross join lateral (select 0 + " + String.join(" + ", evidence) + " as evidence) ev"
				+ " cross join lateral (select " + String.join(", ", scores) + ") sg"
				+ " cross join lateral (select (0 + " + String.join(" + ", numerator) + ") / nullif(0 + "
				+ String.join(" + ", denominator) + ", 0) as trust) tr";
	}

	private static String order(CustomerSort sort) {
		return switch (sort) {
			case TRUST -> "trust asc nulls last, id";
			case TRUST_DESC -> "trust desc nulls last, id";
			case NAME -> "lower(name), id";
			case LAST_FEEDBACK -> "last_received_at desc nulls last, id";
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
