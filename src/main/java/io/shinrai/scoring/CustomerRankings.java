package io.shinrai.scoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.customer.CustomerCount;

/**
 * The customers list: every customer scored as of an instant, in SQL, so that it can be
 * filtered by band and status, sorted by trust and paged without reading every feedback
 * entry. Each customer's trust comes from its forward-decay sums times 2^(−(T −
 * landmark)/H) (see {@link Basis}), with exactly the arithmetic of
 * {@link TrustCalculator#fromSums}; customers with entries after T (future-dated ones)
 * are summed from their rows up to T instead, so nothing after T ever counts.
 */
@Service
@Transactional(readOnly = true)
public class CustomerRankings {

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	private final ReferenceTrust references;

	private final ReferencePages referencePages;

	private final CustomerCount customerCount;

	CustomerRankings(JdbcClient jdbc, ScoringPolicies policies, ReferenceTrust references,
			CustomerCount customerCount) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.references = references;
		this.customerCount = customerCount;
		this.referencePages = new ReferencePages(jdbc);
	}

	/**
	 * One page of the list; in one snapshot (repeatable read), so that the statements of
	 * the path through the stored reference trust see the same rows.
	 */
	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	public CustomerRankingPage find(CustomerRankingQuery query) {
		// the window count keeps every ranked row: let it do so in memory; and plan every
		// statement for this
		// request's values: once the driver prepares them on the server, PostgreSQL would
		// switch to generic plans,
		// which read "received_at > ?" as a third of all feedback (a full scan where an
		// index probe does)
		jdbc.sql(
				"select set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true)")
			.query((rs, row) -> null)
			.list();
		Serving serving = policies.servingState();
		ScoringPolicy policy = serving.policy();
		Basis basis = serving.basis();
		Instant t = RowTime.micros(query.asOf());
		boolean fromSums = basis != null && basis.covers(query.asOf());
		Map<String, Object> params = new HashMap<>();
		params.put("t", RowTime.timestamp(t));
		params.put("windowStart",
				RowTime.timestamp(RowTime.micros(query.asOf().minus(Duration.ofDays(policy.riskWindowDays())))));
		params.putAll(ScoringSql.trustParameters(policy, fromSums ? basis.decayTo(query.asOf()) : 1.0));
		params.put("low", policy.lowThreshold());
		params.put("high", policy.highThreshold());
		params.put("atRisk", policy.atRiskCount());
		String sums;
		boolean anyLate = fromSums && jdbc.sql("select exists (select 1 from feedback where received_at > ?)")
			.param(params.get("t"))
			.query(Boolean.class)
			.single();
		if (fromSums && !anyLate) {
			// the usual case for "now": nothing after T, the stored sums are exactly the
			// sums as of T
			params.put("basis", basis.id());
			sums = "sums as not materialized (select * from customer_trust_sums where basis_id = :basis)";
		}
		else if (fromSums) {
			params.put("basis", basis.id());
			sums = """
					late as materialized (select distinct customer_id from feedback where received_at > :t),
					sums as not materialized (
					    select s.customer_id, %1$s, s.last_received_at from customer_trust_sums s
					    where s.basis_id = :basis and not exists (select 1 from late where late.customer_id = s.customer_id)
					    union all
					    select customer_id, %2$s, max(received_at) from scoring_contribution
					    where basis_id = :basis and customer_id in (select customer_id from late) and received_at <= :t
					    group by customer_id)
					"""
				.formatted(SumColumns.join("s.%1$s"), SumColumns.SUMMED);
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
					""".formatted(ScoringSql.summed("d", "", ""), ScoringSql.observationColumns("p.w", ""),
					ScoringSql.decay(":halfLife"));
		}
		List<String> where = new ArrayList<>();
		if (query.text() != null) {
			where.add("(lower(c.name) like :text escape '\\' or lower(c.reference) like :text escape '\\')");
			params.put("text", "%" + escapeLike(query.text().toLowerCase(Locale.ROOT)) + "%");
		}
		if (!query.within().isAll()) {
			where.add(query.within().sql("c.segment"));
			params.putAll(query.within().params());
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
		// without band or status filter the total is a plain count of customers;
		// otherwise count what the filters keep
		boolean countAll = !outer.isEmpty();
		boolean sumsFirst = where.isEmpty() && query.sort() != CustomerSort.NAME;
		// customers without sums (no feedback) have no trust, no band, no negatives: they
		// sort last, never match a
		// band filter nor WATCH/AT_RISK; a page of rows all with a sort key cannot
		// contain them
		boolean tailCanMatch = query.band() == null && (query.status() == null || query.status() == CustomerStatus.OK);
		boolean tryWithoutTail = sumsFirst && (!tailCanMatch || query.status() == null);
		long[] total = { 0 };
		// sorted by trust without filters: exact through the stored reference trust where
		// it can answer (docs/scaling.md)
		List<RankedCustomer> customers = fromSums && !anyLate && where.isEmpty() && outer.isEmpty()
				&& (query.sort() == CustomerSort.TRUST || query.sort() == CustomerSort.TRUST_DESC)
						? byReference(serving, query, params) : null;
		if (customers == null && query.sort() == CustomerSort.NAME && outer.isEmpty()) {
			customers = pageByName(policy, params, sums, where);
		}
		else if (customers == null) {
			customers = rank(query, policy, params, sums, where, outer, countAll, sumsFirst && !tryWithoutTail, total);
		}
		if (query.sort() != CustomerSort.NAME && tryWithoutTail && tailCanMatch
				&& (customers.size() < query.size() || customers.stream().anyMatch(c -> sortKey(query, c) == null))) {
			customers = rank(query, policy, params, sums, where, outer, countAll, true, total);
		}
		if (!countAll && where.isEmpty()) {
			// the maintained count: counting every customer grows with them
			// (docs/scaling.md)
			total[0] = customerCount.all();
		}
		else if (!countAll) {
			total[0] = jdbc.sql("select count(*) from customer c where " + String.join(" and ", where))
				.params(params)
				.query(Long.class)
				.single();
		}
		else if (customers.isEmpty() && query.page() > 0) {
			total[0] = count(query);
		}
		return new CustomerRankingPage(customers, total[0], query.page(), query.size());
	}

	/**
	 * The page through the index of stored reference trust ({@link ReferencePages}); null
	 * where it cannot answer exactly.
	 */
	private List<RankedCustomer> byReference(Serving serving, CustomerRankingQuery query, Map<String, Object> params) {
		Optional<ReferenceTrust.Reference> reference = references.usable(serving, query.asOf());
		if (reference.isEmpty()) {
			return null;
		}
		ScoringPolicy policy = serving.policy();
		Optional<List<ReferencePages.Scored>> page = referencePages.page(policy, reference.get(), params,
				(long) query.page() * query.size(), query.size(), query.sort() == CustomerSort.TRUST_DESC);
		if (page.isEmpty()) {
			return null;
		}
		if (page.get().isEmpty()) {
			return List.of();
		}
		Map<String, Object> p = new HashMap<>(params);
		p.put("ids", page.get().stream().map(ReferencePages.Scored::id).toList());
		Map<Long, RankedCustomer> rows = new HashMap<>();
		Map<Long, ReferencePages.Scored> scored = new HashMap<>();
		page.get().forEach(s -> scored.put(s.id(), s));
		jdbc.sql("""
				select c.id, c.reference, c.name, c.segment,
				       (select count(*) from feedback f where f.customer_id = c.id and f.negative
				            and f.received_at > :windowStart and f.received_at <= :t) as negatives
				from customer c where c.id in (:ids)
				""").params(p).query((rs, row) -> {
			ReferencePages.Scored s = scored.get(rs.getLong("id"));
			long negatives = rs.getLong("negatives");
			return new RankedCustomer(s.id(), rs.getString("reference"), rs.getString("name"), rs.getString("segment"),
					s.trust(), Band.of(s.trust(), policy), CustomerStatus.of(negatives, policy), negatives,
					s.lastFeedbackAt());
		}).list().forEach(c -> rows.put(c.id(), c));
		List<RankedCustomer> ordered = new ArrayList<>();
		for (ReferencePages.Scored s : page.get()) {
			RankedCustomer customer = rows.get(s.id());
			if (customer == null) {
				// erased meanwhile: let the exact path answer
				return null;
			}
			ordered.add(customer);
		}
		return ordered;
	}

	private List<RankedCustomer> rank(CustomerRankingQuery query, ScoringPolicy policy, Map<String, Object> params,
			String sums, List<String> where, List<String> outer, boolean countAll, boolean withTail, long[] total) {
		boolean allNegatives = query.status() != null;
		// ranked rows stay narrow; reference, segment and negative counts are added to
		// the page rows only
		String sql = """
				with %s,
				negatives as (
				    select customer_id, count(*) as n from feedback
				    where %s and negative and received_at > :windowStart and received_at <= :t group by customer_id),
				ranked as (%s),
				classified as (
				    select *, %s as band, %s as status
				    from ranked),
				page as (
				    select *, %s as total from classified where %s
				    order by %s limit :limit offset :offset)
				select p.id, c.reference, c.name, c.segment, p.last_received_at, p.trust, p.band, p.total,
				       %s as negatives
				from page p join customer c on c.id = p.id
				order by %s
				""".formatted(sums, allNegatives ? "true" : "false", ranked(query, where, policy, withTail),
				ScoringSql.band("trust"), ScoringSql.status("negatives"), countAll ? "count(*) over ()" : "0",
				outer.isEmpty() ? "true" : String.join(" and ", outer), order(query.sort(), "", ""),
				allNegatives ? "p.negatives" : """
						(select count(*) from feedback f where f.customer_id = p.id and f.negative
						     and f.received_at > :windowStart and f.received_at <= :t)""",
				order(query.sort(), "p.", "c."));
		return jdbc.sql(sql).params(params).query((rs, row) -> {
			total[0] = rs.getLong("total");
			return customer(rs, policy);
		}).list();
	}

	/**
	 * In name order without band or status filter only the page's customers need a trust:
	 * page first, then score.
	 */
	private List<RankedCustomer> pageByName(ScoringPolicy policy, Map<String, Object> params, String sums,
			List<String> where) {
		String sql = """
				with %s,
				page as (
				    select c.id, c.reference, c.name, c.segment from customer c where %s
				    order by lower(c.name), c.id limit :limit offset :offset)
				select c.id, c.reference, c.name, c.segment, s.last_received_at, tr.trust,
				       %s as band,
				       (select count(*) from feedback f where f.customer_id = c.id and f.negative
				            and f.received_at > :windowStart and f.received_at <= :t) as negatives
				from page c
				left join sums s on s.customer_id = c.id
				cross join lateral (%s) tr
				order by lower(c.name), c.id
				""".formatted(sums, where.isEmpty() ? "true" : String.join(" and ", where), ScoringSql.band("tr.trust"),
				ScoringSql.trust(policy));
		return jdbc.sql(sql).params(params).query((rs, row) -> customer(rs, policy)).list();
	}

	private static RankedCustomer customer(java.sql.ResultSet rs, ScoringPolicy policy) throws java.sql.SQLException {
		Double trust = rs.getObject("trust", Double.class);
		String band = rs.getString("band");
		Timestamp last = rs.getTimestamp("last_received_at");
		long negatives = rs.getLong("negatives");
		return new RankedCustomer(rs.getLong("id"), rs.getString("reference"), rs.getString("name"),
				rs.getString("segment"), trust, band == null ? null : Band.valueOf(band),
				CustomerStatus.of(negatives, policy), negatives, last == null ? null : last.toInstant());
	}

	private static Object sortKey(CustomerRankingQuery query, RankedCustomer customer) {
		return (query.sort() == CustomerSort.LAST_FEEDBACK) ? customer.lastFeedbackAt() : customer.trust();
	}

	private long count(CustomerRankingQuery query) {
		return find(new CustomerRankingQuery(query.text(), query.segment(), query.band(), query.status(), query.sort(),
				0, 1, query.asOf()))
			.total();
	}

	/**
	 * Every customer with its trust (null without data), newest feedback and negative
	 * count. Without a text or segment filter, and unless sorted by name, the customers
	 * are ranked straight from their rows of sums, and the customers without any (no
	 * feedback yet) are appended by id; this avoids hashing every wide row of sums
	 * against every customer.
	 */
	private static String ranked(CustomerRankingQuery query, List<String> where, ScoringPolicy policy,
			boolean withTail) {
		if (where.isEmpty() && query.sort() != CustomerSort.NAME) {
			return """
					select s.customer_id as id, s.last_received_at, tr.trust, %s as negatives
					from sums s
					%s
					cross join lateral (%s) tr
					%s
					""".formatted(query.status() != null ? "coalesce(n.n, 0)" : "0",
					query.status() != null ? "left join negatives n on n.customer_id = s.customer_id" : "",
					ScoringSql.trust(policy), withTail ? """
							union all
							select c.id, null, null, 0 from customer c
							where not exists (select 1 from sums s where s.customer_id = c.id)""" : "");
		}
		return """
				select c.id, %s s.last_received_at, tr.trust, %s as negatives
				from customer c
				left join sums s on s.customer_id = c.id
				%s
				cross join lateral (%s) tr
				where %s
				""".formatted(query.sort() == CustomerSort.NAME ? "c.name," : "",
				query.status() != null ? "coalesce(n.n, 0)" : "0",
				query.status() != null ? "left join negatives n on n.customer_id = c.id" : "", ScoringSql.trust(policy),
				where.isEmpty() ? "true" : String.join(" and ", where));
	}

	/**
	 * The order by clause; {@code ranked} qualifies the ranked row's columns,
	 * {@code customer} the name.
	 */
	private static String order(CustomerSort sort, String ranked, String customer) {
		return switch (sort) {
			case TRUST -> ranked + "trust asc nulls last, " + ranked + "id";
			case TRUST_DESC -> ranked + "trust desc nulls last, " + ranked + "id";
			case NAME -> "lower(" + customer + "name), " + ranked + "id";
			case LAST_FEEDBACK -> ranked + "last_received_at desc nulls last, " + ranked + "id";
		};
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
