package io.shinrai.recovery;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * What a manager wrote on a case, with author and time. Part of the {@link RecoveryCase}
 * aggregate; never edited.
 */
@Entity
@Table(name = "recovery_note")
public class RecoveryNote {

	public static final int MAX_LENGTH = 2000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String author;

	@Column(name = "written_at", nullable = false, updatable = false)
	private Instant writtenAt;

	@Column(nullable = false, updatable = false, length = MAX_LENGTH)
	private String text;

	protected RecoveryNote() {
	}

	RecoveryNote(String author, Instant writtenAt, String text) {
		this.author = author;
		this.writtenAt = writtenAt;
		this.text = text;
	}

	public Long getId() {
		return id;
	}

	public String getAuthor() {
		return author;
	}

	public Instant getWrittenAt() {
		return writtenAt;
	}

	public String getText() {
		return text;
	}

}
