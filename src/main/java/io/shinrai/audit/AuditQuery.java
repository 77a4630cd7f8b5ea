package io.shinrai.audit;

import java.time.Instant;

/**
 * Which audit events to show; {@code null} means no restriction. The period is [from,
 * to).
 */
public record AuditQuery(AuditType type, String actor, Instant from, Instant to) {

	public static AuditQuery all() {
		return new AuditQuery(null, null, null, null);
	}

}
