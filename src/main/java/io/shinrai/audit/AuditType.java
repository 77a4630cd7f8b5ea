package io.shinrai.audit;

/** Kinds of audited actions; each has a label {@code AuditType.NAME} in the message bundles. */
public enum AuditType {

	USER_CREATED, USER_ROLE_CHANGED, USER_DISABLED, USER_ENABLED, USER_PASSWORD_RESET,
	POLICY_ACTIVATED,
	CUSTOMER_CREATED, CUSTOMER_UPDATED, CUSTOMER_ERASED,
	FEEDBACK_CORRECTED,
	IMPORT_COMPLETED,
	RECOVERY_CASE_UPDATED

}
