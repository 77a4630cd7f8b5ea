package io.shinrai.scoring;

/**
 * Orders of the customers list. Customers without data come last in every trust order.
 */
public enum CustomerSort {

	/** Lowest trust first: the customers to worry about. */
	TRUST, TRUST_DESC, NAME,
	/** Most recent feedback first. */
	LAST_FEEDBACK

}
