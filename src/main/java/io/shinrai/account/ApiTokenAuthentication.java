package io.shinrai.account;

import java.time.Instant;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request signed in with a personal access token: its user, with that user's current
 * role and nothing more.
 */
class ApiTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final ShinraiUser user;

	private final long tokenId;

	private final TokenAccess access;

	private final Instant expiresAt;

	ApiTokenAuthentication(ApiToken token, UserAccount user) {
		super(List.of(new SimpleGrantedAuthority(user.getRole().authority())));
		this.user = new ShinraiUser(user);
		this.tokenId = token.getId();
		this.access = token.getAccess();
		this.expiresAt = token.getExpiresAt();
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public ShinraiUser getPrincipal() {
		return user;
	}

	long tokenId() {
		return tokenId;
	}

	TokenAccess access() {
		return access;
	}

	Instant expiresAt() {
		return expiresAt;
	}

}
