package io.shinrai.privacy;

/** The retention settings form; an empty number switches that rule off. */
public class RetentionForm {

	private Integer textMonths;

	private Integer inactiveYears;

	private String reason;

	private Integer basedOnVersion;

	static RetentionForm of(RetentionVersion version) {
		RetentionForm form = new RetentionForm();
		form.textMonths = version.textMonths();
		form.inactiveYears = version.inactiveYears();
		form.basedOnVersion = version.version();
		return form;
	}

	public Integer getTextMonths() {
		return textMonths;
	}

	public void setTextMonths(Integer textMonths) {
		this.textMonths = textMonths;
	}

	public Integer getInactiveYears() {
		return inactiveYears;
	}

	public void setInactiveYears(Integer inactiveYears) {
		this.inactiveYears = inactiveYears;
	}

	public String getReason() {
		return reason;
	}

	public void setReason(String reason) {
		this.reason = reason;
	}

	public Integer getBasedOnVersion() {
		return basedOnVersion;
	}

	public void setBasedOnVersion(Integer basedOnVersion) {
		this.basedOnVersion = basedOnVersion;
	}

}
