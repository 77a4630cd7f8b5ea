package io.shinrai.account;

import jakarta.validation.constraints.NotNull;

/**
 * A new password for an existing user, typed twice. Checked against {@link AccountRules}
 * by the controller.
 */
class PasswordForm {

	private String password;

	private String passwordRepeated;

	@NotNull
	private Long version;

	static PasswordForm of(UserAccount user) {
		PasswordForm form = new PasswordForm();
		form.version = user.getVersion();
		return form;
	}

	public String getPassword() {
		return password;
	}

	public void setPassword(String password) {
		this.password = password;
	}

	public String getPasswordRepeated() {
		return passwordRepeated;
	}

	public void setPasswordRepeated(String passwordRepeated) {
		this.passwordRepeated = passwordRepeated;
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
