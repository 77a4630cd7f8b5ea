package io.shinrai.scoring;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Compares customers' status as of now with the status last announced
 * ({@code customer_status_state}; no row means OK) and publishes the real changes as one
 * {@link CustomerStatusChanged}. The status counts the negative entries in the risk
 * window exactly as {@link TrustCalculator#negativeCount} does, read in one statement for
 * all customers.
 */
@Component
class CustomerStatusWatch {

	private final JdbcClient jdbc;

	private final ScoringPolicies policies;

	private final ApplicationEventPublisher events;

	CustomerStatusWatch(JdbcClient jdbc, ScoringPolicies policies, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.events = events;
	}

	/**
	 * Checks the customers in the caller's transaction (the one that stored their
	 * feedback).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void check(Collection<Long> customerIds, Long importId, Instant now) {
		if (customerIds.isEmpty()) {
			return;
		}
		ScoringPolicy policy = policies.servingState().policy();
		Long[] ids = new TreeSet<>(customerIds).toArray(Long[]::new);
		Map<Long, Long> negatives = new HashMap<>();
		jdbc.sql("""
				select c.id, (select count(*) from feedback f
				              where f.customer_id = c.id and f.negative and f.received_at <= :now
				                and f.received_at > :horizon) as negatives
				from unnest(cast(:ids as bigint[])) as c (id)
				""")
			.param("ids", ids)
			.param("now", Timestamp.from(now))
			.param("horizon", Timestamp.from(now.minus(Duration.ofDays(policy.riskWindowDays()))))
			.query((rs, row) -> negatives.put(rs.getLong("id"), rs.getLong("negatives")))
			.list();
		Map<Long, CustomerStatus> announced = new HashMap<>();
		// locked, so two transactions changing one customer announce each change once
		jdbc.sql(
				"select customer_id, status from customer_status_state where customer_id = any(?) order by customer_id for update")
			.param(ids)
			.query((rs, row) -> announced.put(rs.getLong("customer_id"),
					CustomerStatus.valueOf(rs.getString("status"))))
			.list();
		List<CustomerStatusChanged.Change> changes = new ArrayList<>();
		for (Long id : ids) {
			long count = negatives.getOrDefault(id, 0L);
			CustomerStatus current = CustomerStatus.of(count, policy);
			CustomerStatus before = announced.getOrDefault(id, CustomerStatus.OK);
			if (current != before) {
				changes.add(new CustomerStatusChanged.Change(id, before, current, count));
			}
		}
		if (changes.isEmpty()) {
			return;
		}
		jdbc.sql(
				"""
						insert into customer_status_state (customer_id, status, changed_at)
						select t.id, t.status, :now from unnest(cast(:ids as bigint[]), cast(:statuses as varchar[])) as t (id, status)
						on conflict (customer_id) do update set status = excluded.status, changed_at = excluded.changed_at
						""")
			.param("ids", changes.stream().map(CustomerStatusChanged.Change::customerId).toArray(Long[]::new))
			.param("statuses", changes.stream().map(change -> change.to().name()).toArray(String[]::new))
			.param("now", Timestamp.from(now))
			.update();
		events.publishEvent(new CustomerStatusChanged(List.copyOf(changes), importId, now));
	}

	/**
	 * Customers announced as WATCH or AT_RISK: time alone (entries leaving the risk
	 * window) can change them.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<Long> notOk() {
		return jdbc.sql("select customer_id from customer_status_state where status <> 'OK' order by customer_id")
			.query(Long.class)
			.list();
	}

}
