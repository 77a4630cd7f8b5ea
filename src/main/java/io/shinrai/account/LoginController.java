package io.shinrai.account;

import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	/** Why a single sign-on was refused ({@code ?sso=…}); each has a message {@code login.sso.<reason>}. */
	private static final Set<String> SSO_REFUSALS = Set.of("no-role", "disabled", "failed");

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final SsoProperties sso;

	LoginController(ObjectProvider<ClientRegistrationRepository> registrations, SsoProperties sso) {
		this.registrations = registrations;
		this.sso = sso;
	}

	/** A button on the sign-in page: where it starts the sign-in and what it is called. */
	record SsoProvider(String id, String name) {
	}

	/**
	 * The sign-in page: the user name and password form (unless local accounts are off) and a button per single
	 * sign-on provider. {@code ?throttled=N} (where a failed sign-in sends a sender who has to wait) says how many
	 * seconds to wait; {@code ?sso=reason} why a single sign-on was refused.
	 */
	@GetMapping("/login")
	String showLoginForm(@RequestParam(name = "throttled", required = false) String throttled,
			@RequestParam(name = "sso", required = false) String ssoRefusal, Model model) {
		if (throttled != null && throttled.matches("\\d{1,6}")) {
			model.addAttribute("waitSeconds", Long.parseLong(throttled));
		}
		if (ssoRefusal != null && SSO_REFUSALS.contains(ssoRefusal)) {
			model.addAttribute("ssoRefusal", ssoRefusal);
		}
		model.addAttribute("localAccounts", sso.localAccounts());
		model.addAttribute("ssoProviders", providers());
		return LOGIN_VIEW;
	}

	private List<SsoProvider> providers() {
		ClientRegistrationRepository repository = registrations.getIfAvailable();
		if (!(repository instanceof Iterable<?> all)) {
			return List.of();
		}
		return StreamSupport.stream(all.spliterator(), false)
			.map(ClientRegistration.class::cast)
			.map(registration -> new SsoProvider(registration.getRegistrationId(), registration.getClientName()))
			.toList();
	}

}
