package io.shinrai.audit;

import java.time.Instant;

/**
 * One recorded action. {@code type} is {@code null} for a type this version does not know
 * (recorded by a newer one); {@code typeName} always holds what was stored.
 */
public record AuditEvent(long id, Instant occurredAt, String actor, AuditType type, String typeName, String subject,
		String summary, String before, String after) {

	public boolean hasChange() {
		return before != null || after != null;
	}

}
