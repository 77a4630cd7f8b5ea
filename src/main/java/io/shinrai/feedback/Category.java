package io.shinrai.feedback;

/** What a feedback entry is about. */
public enum Category {

	PRODUCT, SERVICE, PRICE, DELIVERY, BILLING, PRIVACY, OTHER

}
