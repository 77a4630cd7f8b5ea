package io.shinrai.privacy;

/**
 * The erasure form: the customer's reference typed again as confirmation, and the reason.
 */
public class ErasureForm {

	private String confirmation;

	private String reason;

	public String getConfirmation() {
		return confirmation;
	}

	public void setConfirmation(String confirmation) {
		this.confirmation = confirmation;
	}

	public String getReason() {
		return reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

	/** Whether the typed confirmation is the reference (surrounding spaces aside). */
	boolean confirms(String reference) {
		return confirmation != null && confirmation.strip().equals(reference);
	}

}
