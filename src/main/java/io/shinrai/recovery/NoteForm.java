package io.shinrai.recovery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A note being written on the case page; kept on screen when saving it is refused. */
class NoteForm {

	@NotBlank
	@Size(max = RecoveryNote.MAX_LENGTH)
	private String text;

	private Long version;

	public String getText() {
		return text;
	}

	public void setText(String text) {
		this.text = text;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
