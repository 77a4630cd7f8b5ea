package io.shinrai.survey;

/** "Create a survey link" on the customer page or the case page. */
public class SurveyLinkForm {

	/** Give the link to the customer by copying it (shown once) or by e-mail. */
	public enum Delivery {

		COPY, EMAIL

	}

	private Long customerId;

	private Long caseId;

	private Integer expiresInDays = SurveyLinks.DEFAULT_EXPIRES_IN_DAYS;

	private Delivery delivery = Delivery.COPY;

	public Long getCustomerId() {
		return customerId;
	}

	public void setCustomerId(Long customerId) {
		this.customerId = customerId;
	}

	public Long getCaseId() {
		return caseId;
	}

	public void setCaseId(Long caseId) {
		this.caseId = caseId;
	}

	public Integer getExpiresInDays() {
		return expiresInDays;
	}

	public void setExpiresInDays(Integer expiresInDays) {
		this.expiresInDays = expiresInDays;
	}

	public Delivery getDelivery() {
		return delivery;
	}

	public void setDelivery(Delivery delivery) {
		this.delivery = delivery;
	}

}
