package io.shinrai.account;

import java.util.Map;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A user signed in through single sign-on: the same principal as a password sign-in (its
 * name is the Shinrai user name, so the session registry and every page find it alike),
 * plus the provider's ID token.
 */
class ShinraiOidcUser extends ShinraiUser implements OidcUser {

	private static final long serialVersionUID = 1L;

	private final OidcIdToken idToken;

	private final OidcUserInfo userInfo;

	ShinraiOidcUser(UserAccount account, OidcIdToken idToken, OidcUserInfo userInfo) {
		super(account);
		this.idToken = idToken;
		this.userInfo = userInfo;
	}

	@Override
	public Map<String, Object> getClaims() {
		return idToken.getClaims();
	}

	@Override
	public OidcUserInfo getUserInfo() {
		return userInfo;
	}

	@Override
	public OidcIdToken getIdToken() {
		return idToken;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return getClaims();
	}

	@Override
	public String getName() {
		return getUsername();
	}

}
