package io.shinrai.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.csv.ImportPersonalData;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.system.NotFoundException;

/**
 * Erases a customer's personal data (every kind of {@link PersonalData}) for good: each
 * module empties its own texts, the customer keeps its row, segment and numbers under a
 * neutral label, and salted hashes of its reference and entry keys keep it from coming
 * back through imports or the API. Audited with who, when and why, never with the erased
 * values.
 * <p>
 * An erasure takes the capture lock alone ({@link ErasedKeyStore}) and the customer's row
 * for update, so two erasures of one customer at once are one erasure (the second finds
 * it erased), and an import batch storing the customer's rows at that moment is either
 * erased with it or finds the hashes and stores nothing.
 */
@Service
public class Erasures {

	/** Longest reason the audit log keeps. */
	public static final int MAX_REASON = 1000;

	private final CustomerDirectory customers;

	private final FeedbackLog feedback;

	private final ImportPersonalData imports;

	private final RecoveryCases recovery;

	private final List<PersonalDataHolder> holders;

	private final ErasedKeyStore keys;

	private final AuditLog audit;

	private final MessageSource messages;

	private final Clock clock;

	Erasures(CustomerDirectory customers, FeedbackLog feedback, ImportPersonalData imports, RecoveryCases recovery,
			List<PersonalDataHolder> holders, ErasedKeyStore keys, AuditLog audit, MessageSource messages,
			Clock clock) {
		this.clock = clock;
		this.customers = customers;
		this.feedback = feedback;
		this.imports = imports;
		this.recovery = recovery;
		this.holders = List.copyOf(holders);
		this.keys = keys;
		this.audit = audit;
		this.messages = messages;
	}

	/**
	 * What an erasure did. {@code alreadyErased}: the customer had been erased before;
	 * nothing changed now.
	 */
	public record Erasure(long customerId, String label, Instant erasedAt, boolean alreadyErased) {
	}

	/**
	 * Erases the customer with this CRM reference. A reference that belonged to a
	 * customer erased before answers {@code alreadyErased} without a customer id (0).
	 * @throws NotFoundException when no customer ever had this reference
	 * @throws InvalidErasureException when the reason is missing, too long or repeats the
	 * customer's data
	 */
	@Transactional
	public Erasure eraseByReference(String reference, String reason, String actor) {
		Optional<Customer> customer = reference == null ? Optional.empty() : customers.findByReference(reference);
		if (customer.isPresent()) {
			return erase(customer.get().getId(), reason, actor);
		}
		requireReason(reason);
		if (reference != null && keys.isErasedReference(reference)) {
			return new Erasure(0, null, null, true);
		}
		throw new NotFoundException("customer");
	}

	/**
	 * Erases the customer with this id; see the class comment.
	 * @throws NotFoundException when there is no such customer
	 * @throws InvalidErasureException when the reason is missing, too long or repeats the
	 * customer's data
	 */
	@Transactional
	public Erasure erase(long customerId, String reason, String actor) {
		requireReason(reason);
		keys.lockForErasure();
		Customer customer = customers.lockForErasure(customerId).orElseThrow(() -> new NotFoundException("customer"));
		if (customer.isErased()) {
			return new Erasure(customerId, customer.getName(), customer.getErasedAt(), true);
		}
		String cleanReason = reason.strip();
		requireNoPersonalData(cleanReason, customer);
		Instant now = clock.instant();
		String reference = customer.getReference();
		List<String> values = new ArrayList<>(List.of(reference, customer.getName()));
		if (customer.getEmail() != null) {
			values.add(customer.getEmail());
		}
		FeedbackLog.EntryKeys entryKeys = feedback.erasePersonalData(customerId, reference);
		values.addAll(entryKeys.externalIds());
		imports.eraseRejectedRowsNaming(values);
		recovery.erasePersonalData(customerId);
		String label = label(customerId, customers.language(customer));
		ErasedCustomer erased = new ErasedCustomer(customerId, reference, customer.getName(), customer.getEmail(),
				label, CustomerDirectory.erasedReference(customerId));
		holders.forEach(holder -> holder.erase(erased));
		customers.erase(customerId, label, now);
		keys.remember(reference, entryKeys.externalIds(), entryKeys.rowHashes(), now);
		audit.record(actor, AuditType.CUSTOMER_ERASED,
				CustomerDirectory.auditSubject(CustomerDirectory.erasedReference(customerId)), cleanReason, null, null);
		return new Erasure(customerId, label, now, false);
	}

	/**
	 * "Erased customer 1234" in the customer's language: the name an erased customer is
	 * shown with.
	 */
	String label(long customerId, String language) {
		return messages.getMessage("privacy.erased.label", new Object[] { Long.toString(customerId) },
				Locale.forLanguageTag(language));
	}

	private static void requireReason(String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidErasureException("privacy.erasure.reason.required");
		}
		if (reason.strip().length() > MAX_REASON) {
			throw new InvalidErasureException("privacy.erasure.reason.tooLong", MAX_REASON);
		}
	}

	/**
	 * The reason is kept in the audit log for good: it must not carry what is being
	 * erased.
	 */
	private static void requireNoPersonalData(String reason, Customer customer) {
		String text = reason.toLowerCase(Locale.ROOT);
		for (String value : new String[] { customer.getReference(), customer.getName(), customer.getEmail() }) {
			if (value != null && value.strip().length() >= 2 && text.contains(value.strip().toLowerCase(Locale.ROOT))) {
				throw new InvalidErasureException("privacy.erasure.reason.personal");
			}
		}
	}

}
