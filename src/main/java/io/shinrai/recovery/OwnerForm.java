package io.shinrai.recovery;

import jakarta.validation.constraints.NotBlank;

/** The owner picker of the case page. */
class OwnerForm {

	@NotBlank
	private String owner;

	private Long version;

	public String getOwner() {
		return owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
