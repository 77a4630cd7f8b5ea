package io.shinrai.account;

import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns an OpenID Connect sign-in into a Shinrai user: the role comes from the claim
 * {@code shinrai.sso.role-claim} (mapped by {@link SsoProperties}) at every sign-in; the
 * first sign-in creates the user. Refused, with a reason the sign-in page explains: a
 * user whose claim grants no role, and a user an admin disabled here.
 */
class SingleSignOn extends OidcUserService {

	static final String NO_ROLE = "shinrai_no_role";

	static final String DISABLED = "shinrai_disabled";

	private final UserAccounts accounts;

	private final SsoProperties properties;

	SingleSignOn(UserAccounts accounts, SsoProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
		OidcUser oidc = super.loadUser(request);
		Optional<Role> role = properties.roleFor(oidc.getClaims().get(properties.roleClaim()));
		if (role.isEmpty()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(NO_ROLE),
					"claim '" + properties.roleClaim() + "' grants no role");
		}
		String issuer = String.valueOf(oidc.getIssuer());
		UserAccount account;
		try {
			account = accounts.signInWithSso(issuer, oidc.getSubject(), claim(oidc, properties.usernameClaim()),
					oidc.getFullName(), oidc.getEmail(), role.get());
		}
		catch (DataAccessException ex) {
			throw new InternalAuthenticationServiceException("The user database cannot be reached", ex);
		}
		if (!account.isEnabled()) {
			throw new OAuth2AuthenticationException(new OAuth2Error(DISABLED), "user disabled here");
		}
		return new ShinraiOidcUser(account, oidc.getIdToken(), oidc.getUserInfo());
	}

	private static String claim(OidcUser oidc, String name) {
		Object value = oidc.getClaims().get(name);
		return value == null ? null : String.valueOf(value);
	}

}
