package io.shinrai.recovery;

/**
 * One of the status buttons of the case page: the move, the case version the page showed,
 * and an optional note (needed to close a case whose customer is still at risk).
 */
class MoveForm {

	private RecoveryAction action;

	private Long version;

	private String note;

	public String getNote() {
		return note;
	}

	public void setNote(String note) {
		this.note = note;
	}

	public RecoveryAction getAction() {
		return action;
	}

	public void setAction(RecoveryAction action) {
		this.action = action;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
