package io.shinrai.account;

/**
 * Roles in increasing order of power: each includes everything the previous one may do.
 */
public enum Role {

	STAFF, MANAGER, ADMIN;

	public String authority() {
		return "ROLE_" + name();
	}

}
