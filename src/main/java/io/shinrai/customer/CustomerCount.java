package io.shinrai.customer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many customers there are, without counting them: the database appends the change of
 * every statement that inserts or deletes customers to {@code customer_count} in that
 * statement's transaction (migration V300), and this adds the rows up. Exact in every
 * snapshot; the rows are folded into one every minute so that the sum stays a few rows
 * long.
 */
@Service
@Transactional(readOnly = true)
public class CustomerCount {

	private final JdbcClient jdbc;

	CustomerCount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every customer, erased ones included (their rows stay). */
	public long all() {
		return jdbc.sql("select coalesce(sum(customers), 0) from customer_count").query(Long.class).single();
	}

	/**
	 * Replaces the rows by their sum. Runs on every instance without a lock: two folds at
	 * once each delete only rows the other did not, and each inserts what it deleted.
	 */
	@Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
	@Transactional
	public void fold() {
		if (jdbc.sql("select count(*) > 1 from customer_count").query(Boolean.class).single()) {
			jdbc.sql("""
					with folded as (delete from customer_count returning customers)
					insert into customer_count (customers) select coalesce(sum(customers), 0) from folded
					""").update();
		}
	}

}
