package io.shinrai.feedback.csv;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The personal data CSV imports hold about a customer: the imports that carried the
 * customer's rows, and the rejected rows kept for download whose cells name the customer
 * (reference, name, e-mail address or an entry's external id).
 */
@Service
public class ImportPersonalData {

	private final JdbcClient jdbc;

	ImportPersonalData(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** An import that stored entries of the customer. */
	public record CarryingImport(long id, String fileName, Instant startedAt, String startedBy, long entries) {
	}

	/** A rejected row that names the customer, as kept for the download. */
	public record RejectedRow(long importId, String fileName, long line, List<String> cells) {
	}

	@Transactional(readOnly = true)
	public List<CarryingImport> importsCarrying(long customerId) {
		return jdbc.sql("""
				select i.id, i.file_name, i.started_at, i.started_by, n.entries
				from (select import_id, count(*) as entries from feedback
				      where customer_id = ? and import_id is not null group by import_id) n
				join feedback_import i on i.id = n.import_id
				order by i.started_at, i.id
				""")
			.param(customerId)
			.query((rs, row) -> new CarryingImport(rs.getLong("id"), rs.getString("file_name"),
					rs.getTimestamp("started_at").toInstant(), rs.getString("started_by"), rs.getLong("entries")))
			.list();
	}

	/** Rejected rows with a cell equal to one of {@code values}. */
	@Transactional(readOnly = true)
	public List<RejectedRow> rejectedRowsNaming(Collection<String> values) {
		return jdbc.sql("""
				select r.import_id, i.file_name, r.line_number, r.cells
				from feedback_import_rejection r join feedback_import i on i.id = r.import_id
				where r.cells && cast(? as text[])
				order by r.import_id, r.line_number
				""")
			.param(values.toArray(String[]::new))
			.query((rs, row) -> new RejectedRow(rs.getLong("import_id"), rs.getString("file_name"),
					rs.getLong("line_number"), List.of((String[]) rs.getArray("cells").getArray())))
			.list();
	}

	/**
	 * Keeps of every rejected row with a cell equal to one of {@code values} only its
	 * line and the reason "erased, not imported" (its import's counts stay).
	 * @return the rows changed
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int eraseRejectedRowsNaming(Collection<String> values) {
		return jdbc.sql("""
				update feedback_import_rejection set cells = '{}', reasons = array[cast(? as text)]
				where cells && cast(? as text[])
				""").param(Reason.of(CsvFeedbackWriter.ERASED).encode()).param(values.toArray(String[]::new)).update();
	}

}
