package io.shinrai.privacy;

/**
 * The customer a {@link PersonalDataHolder} erases: the values it had (to find and
 * replace them in stored texts) and the ones it gets (to write in their place, so a text
 * still reads "… from Erased customer 1234").
 *
 * @param reference the CRM reference it had
 * @param name the name it had
 * @param email the e-mail address it had, or {@code null}
 * @param label the neutral name it gets, in its language ("Erased customer 1234" /
 * 「削除済みの顧客 1234」)
 * @param erasedReference the reference it gets, {@code erased-<id>}
 */
public record ErasedCustomer(long id, String reference, String name, String email, String label,
		String erasedReference) {
}
