package io.shinrai.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.recovery.RecoveryCases;

/**
 * Retention of personal data: the settings' versions (immutable, audited, like the
 * scoring policy's), a preview of what the current or proposed values would affect, and
 * {@link #apply} which the {@link RetentionJob} runs.
 */
@Service
public class Retention {

	public static final int MAX_TEXT_MONTHS = 1200;

	public static final int MAX_INACTIVE_YEARS = 100;

	/** The actor the job's changes are audited as. */
	public static final String SYSTEM = "system";

	private final JdbcClient jdbc;

	private final FeedbackLog feedback;

	private final RecoveryCases recovery;

	private final CustomerDirectory customers;

	private final Erasures erasures;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	Retention(JdbcClient jdbc, FeedbackLog feedback, RecoveryCases recovery, CustomerDirectory customers,
			Erasures erasures, AuditLog audit, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.feedback = feedback;
		this.recovery = recovery;
		this.customers = customers;
		this.erasures = erasures;
		this.audit = audit;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Transactional(readOnly = true)
	public RetentionVersion active() {
		return jdbc.sql(SELECT + " where active").query(Retention::version).single();
	}

	/** Every version, newest first. */
	@Transactional(readOnly = true)
	public List<RetentionVersion> history() {
		return jdbc.sql(SELECT + " order by version desc").query(Retention::version).list();
	}

	/**
	 * Saves new settings as the next version and makes it the active one.
	 * @throws InvalidRetentionException when a value is out of range or the reason is
	 * missing
	 * @throws StaleRetentionException when another version was saved since
	 * {@code basedOnVersion}
	 */
	@Transactional
	public RetentionVersion change(Integer textMonths, Integer inactiveYears, String reason, int basedOnVersion,
			String actor) {
		validate(textMonths, inactiveYears, reason);
		// one change at a time: the row of the active version is locked until this one
		// commits
		RetentionVersion current = jdbc.sql(SELECT + " where active for update").query(Retention::version).single();
		if (current.version() != basedOnVersion) {
			throw new StaleRetentionException(current.version());
		}
		int next = current.version() + 1;
		jdbc.sql("update privacy_retention set active = false where version = ?").param(current.version()).update();
		jdbc.sql("""
				insert into privacy_retention (version, text_months, inactive_years, activated_at, activated_by, reason,
				                               active)
				values (?, ?, ?, now(), ?, ?, true)
				""").params(next, textMonths, inactiveYears, actor, reason.strip()).update();
		audit.record(actor, AuditType.RETENTION_CHANGED, "retention version " + next, reason.strip(),
				describe(current.textMonths(), current.inactiveYears()), describe(textMonths, inactiveYears));
		return active();
	}

	/** What these values would affect if applied now. */
	@Transactional(readOnly = true)
	public RetentionPreview preview(Integer textMonths, Integer inactiveYears, Instant now) {
		long texts = 0;
		long notes = 0;
		if (textMonths != null) {
			Instant cutoff = monthsBefore(now, textMonths);
			texts = feedback.countTextsBefore(cutoff);
			notes = recovery.countNotesBefore(cutoff);
		}
		long inactive = inactiveYears == null ? 0 : inactiveCustomers(inactiveYears, now).size();
		return new RetentionPreview(texts, notes, inactive);
	}

	/**
	 * Applies the active settings as of {@code now}: empties old texts in one
	 * transaction, then erases each inactive customer in a transaction of its own (as
	 * {@link Erasures#erase} does for an admin), and audits what it did. Idempotent: a
	 * second run finds nothing left to do.
	 */
	public RetentionPreview apply(Instant now) {
		RetentionVersion settings = active();
		if (settings.isOff()) {
			return new RetentionPreview(0, 0, 0);
		}
		long[] texts = new long[2];
		if (settings.textMonths() != null) {
			Instant cutoff = monthsBefore(now, settings.textMonths());
			transactions.executeWithoutResult(status -> {
				texts[0] = feedback.emptyTextsBefore(cutoff);
				texts[1] = recovery.emptyNotesBefore(cutoff);
			});
		}
		long erased = 0;
		if (settings.inactiveYears() != null) {
			String reason = "Retention version " + settings.version() + ": no feedback for " + settings.inactiveYears()
					+ " years";
			for (long customerId : inactiveCustomers(settings.inactiveYears(), now)) {
				Erasures.Erasure erasure = transactions.execute(status -> erasures.erase(customerId, reason, SYSTEM));
				if (erasure != null && !erasure.alreadyErased()) {
					erased++;
				}
			}
		}
		RetentionPreview done = new RetentionPreview(texts[0], texts[1], erased);
		if (done.texts() + done.notes() + done.customers() > 0) {
			transactions
				.executeWithoutResult(status -> audit.record(SYSTEM, AuditType.RETENTION_APPLIED,
						"retention version " + settings.version(), "texts emptied: " + done.texts()
								+ ", notes emptied: " + done.notes() + ", customers erased: " + done.customers(),
						null, null));
		}
		return done;
	}

	/** Customers not erased yet, created before the cutoff and without feedback since. */
	private List<Long> inactiveCustomers(int years, Instant now) {
		Instant cutoff = now.atOffset(ZoneOffset.UTC).minusYears(years).toInstant();
		Set<Long> active = feedback.customersWithFeedbackSince(cutoff);
		return customers.notErasedCreatedBefore(cutoff).stream().filter(id -> !active.contains(id)).toList();
	}

	static Instant monthsBefore(Instant now, int months) {
		return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
	}

	static void validate(Integer textMonths, Integer inactiveYears, String reason) {
		if (textMonths != null && (textMonths < 1 || textMonths > MAX_TEXT_MONTHS)) {
			throw new InvalidRetentionException("textMonths", "privacy.retention.textMonths.range", 1, MAX_TEXT_MONTHS);
		}
		if (inactiveYears != null && (inactiveYears < 1 || inactiveYears > MAX_INACTIVE_YEARS)) {
			throw new InvalidRetentionException("inactiveYears", "privacy.retention.inactiveYears.range", 1,
					MAX_INACTIVE_YEARS);
		}
		if (reason == null || reason.isBlank()) {
			throw new InvalidRetentionException("reason", "privacy.retention.reason.required");
		}
		if (reason.strip().length() > 1000) {
			throw new InvalidRetentionException("reason", "privacy.retention.reason.tooLong", 1000);
		}
	}

	private static String describe(Integer textMonths, Integer inactiveYears) {
		return "textMonths: " + Objects.toString(textMonths, "off") + "\ninactiveYears: "
				+ Objects.toString(inactiveYears, "off");
	}

	private static final String SELECT = """
			select version, text_months, inactive_years, activated_at, activated_by, reason, active
			from privacy_retention""";

	private static RetentionVersion version(ResultSet rs, int row) throws SQLException {
		Timestamp at = rs.getTimestamp("activated_at");
		return new RetentionVersion(rs.getInt("version"), (Integer) rs.getObject("text_months"),
				(Integer) rs.getObject("inactive_years"), at.toInstant(), rs.getString("activated_by"),
				rs.getString("reason"), rs.getBoolean("active"));
	}

}
