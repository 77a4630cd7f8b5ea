package io.shinrai.customer;

import java.util.List;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import org.hibernate.ScrollMode;
import org.hibernate.ScrollableResults;
import org.hibernate.Session;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.system.SegmentScope;

/**
 * Reads customers for an export one at a time (a database cursor), so an export of any
 * size needs little memory. Filters as the customer list does: {@code search} in name or
 * reference (case-insensitive), {@code segment} exactly.
 */
@Component
public class CustomerExport {

	private static final int FETCH_SIZE = 500;

	private final EntityManager entityManager;

	CustomerExport(EntityManager entityManager) {
		this.entityManager = entityManager;
	}

	@Transactional(readOnly = true)
	public void forEach(String search, String segment, Consumer<Customer> sink) {
		forEach(search, segment, SegmentScope.all(), sink);
	}

	/**
	 * {@link #forEach(String, String, Consumer)} among the customers in {@code scope}.
	 */
	@Transactional(readOnly = true)
	public void forEach(String search, String segment, SegmentScope scope, Consumer<Customer> sink) {
		String text = search == null || search.isBlank() ? null : "%" + escapeLike(search.strip().toLowerCase()) + "%";
		String wanted = segment == null || segment.isBlank() ? null : segment.strip();
		Session session = entityManager.unwrap(Session.class);
		var query = session
			.createSelectionQuery(
					"""
							from Customer c
							where (:text is null or lower(c.name) like :text escape '\\' or lower(c.reference) like :text escape '\\')
							  and (:segment is null or c.segment = :segment)
							  and (:all = true or c.segment in (:scope))
							order by c.reference
							""",
					Customer.class)
			.setParameter("text", text)
			.setParameter("segment", wanted)
			.setParameter("all", scope.isAll())
			// an empty "in ()" is not SQL: a scope of no segment asks for a name no
			// customer has
			.setParameterList("scope", scope.segments().isEmpty() ? List.of("") : scope.segments())
			.setFetchSize(FETCH_SIZE)
			.setReadOnly(true);
		try (ScrollableResults<Customer> customers = query.scroll(ScrollMode.FORWARD_ONLY)) {
			int n = 0;
			while (customers.next()) {
				sink.accept(customers.get());
				// nothing is kept: the persistence context would otherwise grow with
				// every customer read
				if (++n % FETCH_SIZE == 0) {
					session.clear();
				}
			}
		}
	}

	private static String escapeLike(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
