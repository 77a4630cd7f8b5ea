package io.shinrai.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Display name, role and email of an existing user, with the version the page showed. */
class UserDetailsForm {

	@NotBlank
	@Size(max = 200)
	private String displayName;

	@NotNull
	private Role role;

	@NotNull
	private Long version;

	@Size(max = 254)
	@Pattern(regexp = "|" + AccountRules.EMAIL_PATTERN)
	private String email;

	static UserDetailsForm of(UserAccount user) {
		UserDetailsForm form = new UserDetailsForm();
		form.displayName = user.getDisplayName();
		form.role = user.getRole();
		form.version = user.getVersion();
		form.email = user.getEmail();
		return form;
	}

	public String getDisplayName() {
		return displayName;
	}

	public void setDisplayName(String displayName) {
		this.displayName = displayName;
	}

	public Role getRole() {
		return role;
	}

	public void setRole(Role role) {
		this.role = role;
	}

	public String getEmail() {
		return email;
	}

	public void setEmail(String email) {
		this.email = email == null ? null : email.strip();
	}

	public Long getVersion() {
		return version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

}
