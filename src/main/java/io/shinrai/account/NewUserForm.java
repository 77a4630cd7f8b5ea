package io.shinrai.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The "new user" form. Passwords are checked against {@link AccountRules} by the
 * controller.
 */
class NewUserForm {

	@NotNull
	@Pattern(regexp = "\\s*[A-Za-z0-9._-]{3,64}\\s*")
	private String username;

	@NotBlank
	@Size(max = 200)
	private String displayName;

	@NotNull
	private Role role = Role.STAFF;

	private String password;

	private String passwordRepeated;

	public String getUsername() {
		return username;
	}

	public void setUsername(String username) {
		this.username = username;
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

}
