package io.shinrai.promise;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.audit.AuditLog;
import io.shinrai.privacy.ErasedCustomer;
import io.shinrai.privacy.PersonalDataHolder;

/**
 * The promises made to a customer in its personal-data export; an erasure empties their
 * descriptions (free text about the customer) and the audited texts of their recording,
 * and keeps due times, owners and kept/broken states, which say nothing about the person
 * once detached from it.
 */
@Component
class PromisePersonalData implements PersonalDataHolder {

	private final JdbcClient jdbc;

	private final AuditLog audit;

	private final Clock clock;

	PromisePersonalData(JdbcClient jdbc, AuditLog audit, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.audit = audit;
	}

	@Override
	public String section() {
		return "promises";
	}

	@Override
	public Object export(long customerId) {
		return jdbc.sql("""
				select id, case_id, description, due_at, owner, created_by, created_at, status, settled_at
				from promise where customer_id = ? order by created_at, id
				""")
			.param(customerId)
			.query((rs, row) -> new ExportedPromise(rs.getLong("id"), (Long) rs.getObject("case_id"),
					rs.getString("description"), instant(rs.getTimestamp("due_at")), rs.getString("owner"),
					rs.getString("created_by"), instant(rs.getTimestamp("created_at")), rs.getString("status"),
					instant(rs.getTimestamp("settled_at"))))
			.list();
	}

	private static String instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant().toString();
	}

	record ExportedPromise(long id, Long caseId, String description, String dueAt, String owner, String createdBy,
			String createdAt, String status, String settledAt) {
	}

	@Override
	public void erase(ErasedCustomer customer) {
		List<Long> ids = jdbc.sql("select id from promise where customer_id = ?")
			.param(customer.id())
			.query(Long.class)
			.list();
		jdbc.sql("""
				update promise set description = '', description_erased_at = ?
				where customer_id = ? and description_erased_at is null
				""").params(Timestamp.from(clock.instant()), customer.id()).update();
		// PROMISE_RECORDED carries the description as its after text and "customer
		// <reference>, …" as its summary
		audit.redact(ids.stream().map(id -> "promise:" + id).toList(),
				List.of("customer " + customer.reference() + ","), null);
	}

}
