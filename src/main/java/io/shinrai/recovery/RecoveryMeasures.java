package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.SegmentScope;

/**
 * The recovery measures of the board and the dashboard, for all customers or one segment.
 * Definitions, as of the instant T of the measurement, with the window W = the 90 days
 * before T ({@link RecoveryMeasurement#WINDOW}):
 * <ul>
 * <li><b>open cases</b>: cases whose status is OPEN or ACKNOWLEDGED (RESOLVED cases wait
 * only for closing);</li>
 * <li><b>overdue cases</b>: OPEN cases whose acknowledgement due time is before T (by the
 * due time, not the flag the overdue job sets, so the count is right between runs);</li>
 * <li><b>median time to acknowledge</b>: the median of acknowledged_at − start over the
 * cases acknowledged in W, where start is the latest reopening, else the opening;</li>
 * <li><b>median time to resolve</b>: likewise resolved_at − start over the cases resolved
 * in W;</li>
 * <li><b>recovery rate</b>: of the customers with a case resolved in W (closed later or
 * not; a reopened case is no longer resolved), the share whose status at T is OK (neither
 * AT_RISK nor WATCH) and whose trust at T is at least their trust when that case was
 * opened (the most recently resolved case if several; a case opened without a score
 * compares the status only; equality within 1e-6, the precision docs/scoring.md asks of
 * implementations). {@code null} when there is no such customer, never 0 by default.</li>
 * <li><b>confirmed by the customer</b>: of the cases resolved in W (and not reopened
 * since), the share the customer confirmed on a survey link of the case (a not-negative
 * answer while resolved or closed); {@code null} when no case was resolved in W;</li>
 * <li><b>median time to confirmation</b>: the median of confirmed_at − resolved_at over
 * the cases confirmed in W.</li>
 * </ul>
 * "In W" means after T − 90 days and at or before T. Trust and status at T come from
 * {@link TrustScores#forCustomer}, one call per customer with a resolved case in W.
 */
@Service
@Transactional(readOnly = true)
public class RecoveryMeasures {

	/**
	 * Trust values that differ by less than this are equal (docs/scoring.md:
	 * implementations agree to 1e-6).
	 */
	static final double TRUST_TOLERANCE = 1e-6;

	private final JdbcClient jdbc;

	private final TrustScores trustScores;

	private final Clock clock;

	RecoveryMeasures(JdbcClient jdbc, TrustScores trustScores, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.trustScores = trustScores;
	}

	/** All measures for every customer, now. */
	public RecoveryMeasurement current() {
		return measure(SegmentScope.all(), clock.instant());
	}

	/**
	 * All measures for the customers of one segment ({@code null}: every customer), now.
	 */
	public RecoveryMeasurement current(String segment) {
		return current(SegmentScope.all().narrow(segment));
	}

	/** All measures for the customers of the segments in {@code segments}, now. */
	public RecoveryMeasurement current(SegmentScope segments) {
		return measure(segments, clock.instant());
	}

	/**
	 * Only the open and overdue counts, now: two numbers from one cheap statement, for
	 * pages that need no more.
	 */
	public CaseCounts counts(String segment) {
		return counts(SegmentScope.all().narrow(segment));
	}

	/** {@link #counts(String)} of the customers of the segments in {@code segments}. */
	public CaseCounts counts(SegmentScope segments) {
		Instant now = clock.instant();
		return jdbc.sql("""
				select count(*) filter (where c.status in ('OPEN', 'ACKNOWLEDGED')) as open,
				       count(*) filter (where c.status = 'OPEN' and c.acknowledge_due_at < :now) as overdue
				from recovery_case c
				where c.status in ('OPEN', 'ACKNOWLEDGED') and SCOPE
				""".replace("SCOPE", inScope(segments)))
			.param("now", Timestamp.from(now))
			.params(segments.params())
			.query((rs, row) -> new CaseCounts(rs.getLong("open"), rs.getLong("overdue")))
			.single();
	}

	/** The condition that case {@code c} belongs to a customer in {@code segments}. */
	static String inScope(SegmentScope segments) {
		return segments.isAll() ? "true" : "exists (select 1 from customer cu where cu.id = c.customer_id and "
				+ segments.sql("cu.segment") + ")";
	}

	RecoveryMeasurement measure(String segment, Instant now) {
		return measure(SegmentScope.all().narrow(segment), now);
	}

	RecoveryMeasurement measure(SegmentScope segments, Instant now) {
		Instant since = now.minus(RecoveryMeasurement.WINDOW);
		Aggregates aggregates = jdbc
			.sql("""
					select count(*) filter (where c.status in ('OPEN', 'ACKNOWLEDGED')) as open,
					       count(*) filter (where c.status = 'OPEN' and c.acknowledge_due_at < :now) as overdue,
					       percentile_cont(0.5) within group (order by extract(epoch from
					           c.acknowledged_at - coalesce(c.reopened_at, c.opened_at)))
					           filter (where c.acknowledged_at > :since and c.acknowledged_at <= :now) as acknowledge_seconds,
					       percentile_cont(0.5) within group (order by extract(epoch from
					           c.resolved_at - coalesce(c.reopened_at, c.opened_at)))
					           filter (where c.resolved_at > :since and c.resolved_at <= :now) as resolve_seconds,
					       count(*) filter (where c.resolved_at > :since and c.resolved_at <= :now) as resolved_cases,
					       count(*) filter (where c.resolved_at > :since and c.resolved_at <= :now
					           and c.confirmed_at is not null and c.confirmed_at <= :now) as confirmed_cases,
					       percentile_cont(0.5) within group (order by extract(epoch from c.confirmed_at - c.resolved_at))
					           filter (where c.confirmed_at > :since and c.confirmed_at <= :now) as confirm_seconds
					from recovery_case c
					where SCOPE
					"""
				.replace("SCOPE", inScope(segments)))
			.param("now", Timestamp.from(now))
			.param("since", Timestamp.from(since))
			.params(segments.params())
			.query((rs, row) -> new Aggregates(rs.getLong("open"), rs.getLong("overdue"),
					seconds(rs.getObject("acknowledge_seconds")), seconds(rs.getObject("resolve_seconds")),
					rs.getLong("resolved_cases"), rs.getLong("confirmed_cases"),
					seconds(rs.getObject("confirm_seconds"))))
			.single();

		List<Resolved> resolved = jdbc.sql("""
				select distinct on (c.customer_id) c.customer_id, c.trust_at_opening
				from recovery_case c
				where c.resolved_at > :since and c.resolved_at <= :now and SCOPE
				order by c.customer_id, c.resolved_at desc, c.id desc
				""".replace("SCOPE", inScope(segments)))
			.param("now", Timestamp.from(now))
			.param("since", Timestamp.from(since))
			.params(segments.params())
			.query((rs, row) -> new Resolved(rs.getLong("customer_id"), (Double) rs.getObject("trust_at_opening")))
			.list();
		Map<Long, CustomerTrust> trusts = trustScores.forCustomers(resolved.stream().map(Resolved::customerId).toList(),
				now);
		long recovered = resolved.stream()
			.filter(customer -> recovered(customer, trusts.get(customer.customerId())))
			.count();
		Double rate = resolved.isEmpty() ? null : (double) recovered / resolved.size();
		return new RecoveryMeasurement(now, aggregates.open(), aggregates.overdue(), aggregates.acknowledge(),
				aggregates.resolve(), resolved.size(), recovered, rate, aggregates.resolvedCases(),
				aggregates.confirmedCases(), aggregates.resolvedCases() == 0 ? null
						: (double) aggregates.confirmedCases() / aggregates.resolvedCases(),
				aggregates.confirm());
	}

	private static boolean recovered(Resolved customer, CustomerTrust trust) {
		if (trust.status() != CustomerStatus.OK) {
			return false;
		}
		if (customer.trustAtOpening() == null) {
			return true;
		}
		Double trustNow = trust.score().trust();
		return trustNow != null && trustNow >= customer.trustAtOpening() - TRUST_TOLERANCE;
	}

	private static Duration seconds(Object value) {
		return value == null ? null : Duration.ofMillis(Math.round(((Number) value).doubleValue() * 1000));
	}

	/** Open (OPEN or ACKNOWLEDGED) and overdue (OPEN past its due time) cases. */
	public record CaseCounts(long open, long overdue) {
	}

	private record Aggregates(long open, long overdue, Duration acknowledge, Duration resolve, long resolvedCases,
			long confirmedCases, Duration confirm) {
	}

	private record Resolved(long customerId, Double trustAtOpening) {
	}

}
