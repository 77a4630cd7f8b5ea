package io.shinrai.promise;

import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * "Record a promise" on the customer page or the case page; the due time is local to the
 * business time zone. Serializable: a refused form goes back to its page as a flash
 * attribute, kept in the session in the database.
 */
public class PromiseForm implements Serializable {

	private static final long serialVersionUID = 1L;

	private String customerRef;

	private Long caseId;

	private String description;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME, fallbackPatterns = { "yyyy-MM-dd'T'HH:mm" })
	private LocalDateTime dueAt;

	private String owner;

	NewPromise toNewPromise(ZoneId zone) {
		return new NewPromise(customerRef, caseId, description, dueAt == null ? null : dueAt.atZone(zone).toInstant(),
				owner);
	}

	public String getCustomerRef() {
		return customerRef;
	}

	public void setCustomerRef(String customerRef) {
		this.customerRef = customerRef;
	}

	public Long getCaseId() {
		return caseId;
	}

	public void setCaseId(Long caseId) {
		this.caseId = caseId;
	}

	public String getDescription() {
		return description;
	}

	public void setDescription(String description) {
		this.description = description;
	}

	public LocalDateTime getDueAt() {
		return dueAt;
	}

	public void setDueAt(LocalDateTime dueAt) {
		this.dueAt = dueAt;
	}

	public String getOwner() {
		return owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

}
