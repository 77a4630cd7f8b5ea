package io.shinrai.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A customer, identified by the reference it has in the company's CRM. */
@Entity
@Table(name = "customer")
public class Customer {

	/** Longest CRM reference, name, segment and e-mail address the schema holds. */
	public static final int MAX_REFERENCE = 100;

	public static final int MAX_NAME = 200;

	public static final int MAX_SEGMENT = 100;

	public static final int MAX_EMAIL = 320;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, updatable = false)
	private String reference;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String segment = "";

	private String email;

	/**
	 * {@code ja} or {@code en}; absent for customers stored before languages were
	 * recorded.
	 */
	private String language;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "erased_at")
	private Instant erasedAt;

	@Version
	private long version;

	protected Customer() {
	}

	public Long getId() {
		return id;
	}

	public String getReference() {
		return reference;
	}

	public String getName() {
		return name;
	}

	public String getSegment() {
		return segment;
	}

	public String getEmail() {
		return email;
	}

	/**
	 * The language chosen for this customer, or null when none was (see
	 * {@code CustomerDirectory#language}).
	 */
	public String getLanguage() {
		return language;
	}

	public Instant getCreatedAt() {
		return createdAt;
	}

	public Instant getErasedAt() {
		return erasedAt;
	}

	/**
	 * Whether its personal data was erased (see the privacy module): then only its
	 * anonymous numbers remain.
	 */
	public boolean isErased() {
		return erasedAt != null;
	}

	public long getVersion() {
		return version;
	}

	void update(String name, String segment, String email, String language) {
		this.name = name;
		this.segment = segment == null ? "" : segment;
		this.email = email;
		if (language != null) {
			this.language = language;
		}
	}

}
