package io.shinrai.account;

import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.shinrai.system.StorableText;

@Controller
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	/**
	 * Why a single sign-on was refused ({@code ?sso=…}); each has a message
	 * {@code login.sso.<reason>}.
	 */
	private static final Set<String> SSO_REFUSALS = Set.of("no-role", "disabled", "failed");

	private final ObjectProvider<ClientRegistrationRepository> registrations;

	private final SsoProperties sso;

	LoginController(ObjectProvider<ClientRegistrationRepository> registrations, SsoProperties sso) {
		this.registrations = registrations;
		this.sso = sso;
	}

	/**
	 * A button on the sign-in page: where it starts the sign-in and what it is called.
	 */
	record SsoProvider(String id, String name) {
	}

	/**
	 * The sign-in page: the user name and password form (unless local accounts are off)
	 * and a button per single sign-on provider. {@code ?throttled=N} (where a failed
	 * sign-in sends a sender who has to wait) says how many seconds to wait;
	 * {@code ?sso=reason} why a single sign-on was refused.
	 */
	@GetMapping("/login")
	String showLoginForm(@RequestParam(name = "throttled", required = false) String throttled,
			@RequestParam(name = "sso", required = false) String ssoRefusal, Model model, HttpServletRequest request) {
		if (throttled != null && throttled.matches("\\d{1,6}")) {
			model.addAttribute("waitSeconds", Long.parseLong(throttled));
		}
		if (ssoRefusal != null && SSO_REFUSALS.contains(ssoRefusal)) {
			model.addAttribute("ssoRefusal", ssoRefusal);
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(TYPED_USERNAME) instanceof String username) {
			// once: the form after a failed sign-in keeps the user name, a fresh visit
			// later starts empty
			session.removeAttribute(TYPED_USERNAME);
			model.addAttribute("typedUsername", username);
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

	/**
	 * After a failed sign-in: the user name typed, for the sign-in form shown next (never
	 * the password).
	 */
	static void rememberUsername(HttpServletRequest request) {
		String username = request.getParameter("username");
		if (username != null && username.length() <= MAX_USERNAME && StorableText.isStorable(username)) {
			request.getSession().setAttribute(TYPED_USERNAME, username);
		}
	}

	private static final String TYPED_USERNAME = LoginController.class.getName() + ".username";

	private static final int MAX_USERNAME = 64;

}
