package io.shinrai.recovery;

/** One of the status buttons of the case page: the move, and the case version the page showed. */
class MoveForm {

	private RecoveryAction action;

	private Long version;

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
