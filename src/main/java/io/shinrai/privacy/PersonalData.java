package io.shinrai.privacy;

/**
 * What Shinrai counts as a customer's personal data, written down once (docs/privacy.md
 * says the same in words). Each kind names the module that holds it; an erasure empties
 * every kind, an export contains every kind.
 * <p>
 * Not personal once detached from the person, and therefore kept by an erasure: ratings,
 * NPS/CSAT/CES, channel, category, times, incident types, the segment and every score
 * computed from them (see {@link #NOT_PERSONAL}).
 */
public enum PersonalData {

	/** The customer's name: replaced by a neutral label ("Erased customer 1234"). */
	CUSTOMER_NAME("customer"),
	/** The customer's e-mail address, and any contact field added later: removed. */
	CUSTOMER_EMAIL("customer"),
	/**
	 * The CRM reference: replaced by {@code erased-<id>}; its salted hash keeps the
	 * customer from coming back.
	 */
	CUSTOMER_REFERENCE("customer"),
	/** Free-text comments of feedback entries. */
	FEEDBACK_COMMENT("feedback"),
	/** The one-line explanations of incidents. */
	INCIDENT_EXPLANATION("feedback"),
	/**
	 * External ids and row hashes of the customer's entries: removed, kept only as salted
	 * hashes.
	 */
	ENTRY_KEY("feedback"),
	/** Rejected CSV rows kept for download whose cells name the customer. */
	REJECTED_IMPORT_ROW("feedback"),
	/**
	 * The before and after texts of corrections and customer changes in the audit log.
	 */
	AUDIT_TEXT("audit"),
	/** What managers wrote in the recovery cases of the customer. */
	RECOVERY_NOTE("recovery"),
	/**
	 * Notices, digest events, mails, webhook bodies and attempts that name the customer:
	 * the name and reference replaced by the label and {@code erased-<id>}, the e-mail
	 * address removed.
	 */
	NOTIFICATION_TEXT("notification"),
	/**
	 * Survey links: no text is stored; the open ones expire and their audit subjects
	 * follow the new reference.
	 */
	SURVEY_LINK("survey"),
	/**
	 * Promise descriptions (free text about the customer): emptied; due, kept and broken
	 * stay.
	 */
	PROMISE_DESCRIPTION("promise"),
	/** Any other text a module added later holds: see {@link PersonalDataHolder}. */
	OTHER_MODULE_TEXT("any module with a PersonalDataHolder");

	/** What stays after an erasure: not personal once detached from the person. */
	public static final String NOT_PERSONAL = "ratings, NPS, CSAT, CES, channel, category, received and logged times, "
			+ "incident types, segment, language, recovery case states and times, scores";

	private final String module;

	PersonalData(String module) {
		this.module = module;
	}

	/** The application module that holds, exports and erases this kind. */
	public String module() {
		return module;
	}

}
