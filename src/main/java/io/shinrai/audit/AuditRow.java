package io.shinrai.audit;

/**
 * One audit event as the audit page shows it: its texts in the reader's language and,
 * where the subject has a page, a link to it ({@code null} otherwise).
 */
public record AuditRow(AuditEvent event, String summary, String before, String after, String subject,
		String subjectLink) {

	public boolean hasChange() {
		return event.hasChange();
	}

}
