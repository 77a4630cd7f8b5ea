package io.shinrai.privacy;

/**
 * A module that holds personal data about customers beyond the core modules (e.g. mails
 * that mention a customer, survey answers): implement this as a bean and every export
 * contains {@link #export}, every erasure calls {@link #erase}. Both run inside the
 * export's or erasure's transaction; an erasure holds the customer's lock.
 */
public interface PersonalDataHolder {

	/** The key of this holder's section in the export document, e.g. {@code "mails"}. */
	String section();

	/**
	 * Everything this module holds about the customer, as records, lists and maps that
	 * serialise to JSON.
	 */
	Object export(long customerId);

	/**
	 * Empties every text this module holds about the customer, or replaces the customer's
	 * name and reference in it by the {@link ErasedCustomer#label() label} and
	 * {@link ErasedCustomer#erasedReference() erased reference}; numbers that are not
	 * personal once detached from the person may stay. Runs before the customer row
	 * itself is erased, so the row still has its old values. Must be idempotent.
	 */
	void erase(ErasedCustomer customer);

}
