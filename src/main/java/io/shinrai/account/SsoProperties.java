package io.shinrai.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shinrai.sso.*}: what single sign-on users may do here. The provider itself is
 * configured with Spring Boot's standard {@code spring.security.oauth2.client.*}
 * properties; these map one of its claims to a role.
 *
 * @param roleClaim the claim naming the user's groups or roles
 * ({@code SHINRAI_SSO_ROLE_CLAIM}); a string or a list
 * @param adminValues claim values that make a user ADMIN
 * ({@code SHINRAI_SSO_ADMIN_VALUES}, comma-separated)
 * @param managerValues claim values that make a user MANAGER
 * @param staffValues claim values that make a user STAFF
 * @param usernameClaim the claim a new user's name is taken from (made unique and valid
 * when it is not)
 * @param localAccounts whether users may sign in with a Shinrai user name and password
 * (the form and HTTP Basic); switched off, only single sign-on and API tokens remain
 */
@ConfigurationProperties("shinrai.sso")
public record SsoProperties(@DefaultValue("groups") String roleClaim, @DefaultValue List<String> adminValues,
		@DefaultValue List<String> managerValues, @DefaultValue List<String> staffValues,
		@DefaultValue("preferred_username") String usernameClaim, @DefaultValue("true") boolean localAccounts) {

	/** The highest role any of the claim's values grants; empty when none does. */
	Optional<Role> roleFor(Object claim) {
		List<String> values;
		if (claim == null) {
			values = List.of();
		}
		else if (claim instanceof Collection<?> many) {
			values = many.stream().map(String::valueOf).toList();
		}
		else {
			values = List.of(String.valueOf(claim));
		}
		if (values.stream().anyMatch(value -> matches(adminValues, value))) {
			return Optional.of(Role.ADMIN);
		}
		if (values.stream().anyMatch(value -> matches(managerValues, value))) {
			return Optional.of(Role.MANAGER);
		}
		if (values.stream().anyMatch(value -> matches(staffValues, value))) {
			return Optional.of(Role.STAFF);
		}
		return Optional.empty();
	}

	private static boolean matches(List<String> configured, String value) {
		return configured.stream().anyMatch(candidate -> candidate.strip().equals(value.strip()));
	}

}
