package io.shinrai.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The profile page's "new token" form. */
public class ApiTokenForm {

	@NotBlank
	@Size(max = ApiTokens.NAME_MAX_LENGTH)
	private String name;

	@NotNull
	private TokenAccess access = TokenAccess.READ;

	@NotNull
	private Integer expiresInDays = 90;

	public String getName() {
		return name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public TokenAccess getAccess() {
		return access;
	}

	public void setAccess(TokenAccess access) {
		this.access = access;
	}

	public Integer getExpiresInDays() {
		return expiresInDays;
	}

	public void setExpiresInDays(Integer expiresInDays) {
		this.expiresInDays = expiresInDays;
	}

}
