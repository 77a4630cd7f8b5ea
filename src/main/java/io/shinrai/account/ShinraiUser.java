package io.shinrai.account;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** The signed-in principal: Spring Security's user plus what the layout shows. */
public class ShinraiUser extends User {

	/**
	 * Fixed, so that sessions stored in the database stay readable by the next build (see
	 * docs/scaling.md).
	 */
	private static final long serialVersionUID = 1L;

	private final String displayName;

	private final Role role;

	ShinraiUser(UserAccount account) {
		super(account.getUsername(), account.getPasswordHash(), account.isEnabled(), true, true, true,
				List.of(new SimpleGrantedAuthority(account.getRole().authority())));
		this.displayName = account.getDisplayName();
		this.role = account.getRole();
	}

	public String getDisplayName() {
		return displayName;
	}

	public Role getRole() {
		return role;
	}

}
