package io.shinrai.scoring;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One page of customers sorted by trust, exact, read through the index of stored
 * reference trust ({@link ReferenceTrust}) instead of scoring every customer. With Δ the
 * largest distance between a stored value and the exact trust, and k the page's offset in
 * the order (trust, then id; customers without trust last):
 * <ol>
 * <li>the rows without a stored value (sums changed since T0; few) are recomputed
 * exactly;</li>
 * <li>v is the stored value at index position k − (those rows), w the one at k + size −
 * 1: at most k customers have an exact trust below lo = v − Δ, at least k + size have one
 * up to hi = w + Δ, so the page lies within [lo, hi];</li>
 * <li>the rows stored within Δ of [lo, hi] are recomputed exactly; those stored below lo
 * − Δ are certainly below lo and only counted (through the index, as many as the offset);
 * the page is the recomputed rows within [lo, hi] in order, from offset k − (customers
 * below lo).</li>
 * </ol>
 * Descending order mirrors this. Where a step cannot be proven (the page reaches the
 * customers without trust, too many changed rows) the caller takes the exact path over
 * every customer.
 */
final class ReferencePages {

	/**
	 * Rows without a stored value beyond which the exact path over every customer is
	 * cheaper.
	 */
	static final int MAX_CHANGED = 5_000;

	/** Candidates near the boundaries beyond which the exact path is cheaper. */
	static final int MAX_CANDIDATES = 20_000;

	private final JdbcClient jdbc;

	ReferencePages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The page at {@code offset} of {@code size} customers ordered by trust (ascending
	 * or, with {@code descending}, descending, then by id), with their trust as of the
	 * decay in {@code params} ({@link ScoringSql#trustParameters}); empty where this
	 * method cannot answer exactly.
	 */
	Optional<List<Scored>> page(ScoringPolicy policy, ReferenceTrust.Reference reference, Map<String, Object> params,
			long offset, int size, boolean descending) {
		Map<String, Object> p = new HashMap<>(params);
		p.put("basis", reference.basisId());
		String trust = ScoringSql.trust(policy);
		long changedCount = jdbc
			.sql("select count(*) from customer_trust_sums where basis_id = :basis and reference_trust is null")
			.params(p)
			.query(Long.class)
			.single();
		if (changedCount > MAX_CHANGED) {
			return Optional.empty();
		}
		String direction = descending ? "desc" : "asc";
		long first = offset - changedCount;
		Optional<Double> w = stored(p, offset + size - 1, direction);
		if (w.isEmpty()) {
			// the page reaches the customers without trust
			return Optional.empty();
		}
		double delta = reference.delta();
		// lo and hi in the order's direction: "below" lo means before it in the order
		Double lo = first > 0 ? stored(p, first, direction).map(v -> descending ? v + delta : v - delta).orElse(null)
				: null;
		double hi = descending ? w.get() - delta : w.get() + delta;
		long certainlyBefore = 0;
		if (lo != null) {
			p.put("certain", descending ? lo + delta : lo - delta);
			certainlyBefore = jdbc
				.sql("select count(*) from customer_trust_sums where basis_id = :basis"
						+ " and reference_trust >= 0 and reference_trust " + (descending ? "> :certain" : "< :certain"))
				.params(p)
				.query(Long.class)
				.single();
		}
		// the stored values whose customers' exact trust may fall within [lo, hi]
		double from = descending ? hi - delta : (lo == null ? 0 : lo - delta);
		double to = descending ? (lo == null ? Double.MAX_VALUE : lo + delta) : hi + delta;
		p.put("from", from);
		p.put("to", to);
		p.put("max", MAX_CANDIDATES + 1);
		List<Scored> candidates = jdbc.sql("""
				(select s.customer_id, s.last_received_at, tr.trust, true as stored
				 from customer_trust_sums s cross join lateral (%1$s) tr
				 where s.basis_id = :basis and s.reference_trust >= 0 and s.reference_trust between :from and :to
				 limit :max)
				union all
				select s.customer_id, s.last_received_at, tr.trust, false
				from customer_trust_sums s cross join lateral (%1$s) tr
				where s.basis_id = :basis and s.reference_trust is null
				""".formatted(trust)).params(p).query((rs, row) -> {
			Timestamp last = rs.getTimestamp("last_received_at");
			Double exact = rs.getObject("trust", Double.class);
			return new Scored(rs.getLong("customer_id"), exact == null ? null : exact + 0.0,
					last == null ? null : last.toInstant(), rs.getBoolean("stored"));
		}).list();
		if (candidates.stream().filter(Scored::stored).count() > MAX_CANDIDATES
				|| candidates.stream().anyMatch(c -> c.stored() && c.trust() == null)) {
			// a stored row without trust now would mean the decay underflowed: not
			// covered
			return Optional.empty();
		}
		Comparator<Double> byTrust = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
		long before = certainlyBefore;
		List<Scored> window = new ArrayList<>();
		for (Scored candidate : candidates) {
			if (candidate.trust() == null) {
				continue;
			}
			if (lo != null && byTrust.compare(candidate.trust(), lo) < 0) {
				before++;
			}
			else if (byTrust.compare(candidate.trust(), hi) <= 0) {
				window.add(candidate);
			}
		}
		window.sort(Comparator.comparing(Scored::trust, byTrust).thenComparingLong(Scored::id));
		long skip = offset - before;
		if (skip < 0 || window.size() < skip + size) {
			// cannot happen by the bounds above; never answer what is not proven
			return Optional.empty();
		}
		return Optional.of(List.copyOf(window.subList((int) skip, (int) skip + size)));
	}

	/**
	 * The stored trust at index position {@code position} of the customers with trust, in
	 * {@code direction}.
	 */
	private Optional<Double> stored(Map<String, Object> p, long position, String direction) {
		Map<String, Object> q = new HashMap<>(p);
		q.put("position", position);
		return jdbc
			.sql("select reference_trust from customer_trust_sums where basis_id = :basis"
					+ " and reference_trust >= 0 order by reference_trust " + direction + " offset :position limit 1")
			.params(q)
			.query(Double.class)
			.optional();
	}

	/** A customer with its exact trust; {@code stored} whether it had a stored value. */
	record Scored(long id, Double trust, java.time.Instant lastFeedbackAt, boolean stored) {
	}

}
