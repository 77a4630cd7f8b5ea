package io.shinrai.account;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The profile's API tokens page: the user's tokens, a form for a new one, and revoking.
 */
@Controller
class ApiTokenController {

	static final String TOKENS_VIEW = "account/tokens";

	/**
	 * The expiries the form offers, in days; those over
	 * {@code shinrai.api.token-max-lifetime} are left out.
	 */
	private static final List<Integer> EXPIRY_CHOICES = List.of(7, 30, 90, 180, 365);

	private final ApiTokens tokens;

	private final ApiProperties properties;

	private final Clock clock;

	ApiTokenController(ApiTokens tokens, ApiProperties properties, Clock clock) {
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
	}

	@ModelAttribute("expiryChoices")
	List<Integer> expiryChoices() {
		long max = properties.tokenMaxLifetime().toDays();
		return Stream.concat(EXPIRY_CHOICES.stream(), Stream.of(Math.toIntExact(properties.tokenLifetime().toDays())))
			.filter(days -> days <= max)
			.distinct()
			.sorted()
			.toList();
	}

	@GetMapping("/profile/tokens")
	String showTokens(Principal principal, Model model) {
		ApiTokenForm form = new ApiTokenForm();
		form.setExpiresInDays(Math.toIntExact(properties.tokenLifetime().toDays()));
		return page(model, principal, form);
	}

	/**
	 * Creates a token and shows it on the answer to this post itself, never through a
	 * redirect: a redirect would keep the token in the session (stored in the database)
	 * until the next page. The page is not cached.
	 */
	@PostMapping("/profile/tokens")
	String processNewToken(@Valid @ModelAttribute("tokenForm") ApiTokenForm form, BindingResult result,
			Principal principal, Model model, HttpServletResponse response) {
		if (result.hasErrors()) {
			return page(model, principal, form);
		}
		try {
			ApiTokens.CreatedToken created = tokens.create(principal.getName(), form.getName(), form.getAccess(),
					Duration.ofDays(form.getExpiresInDays()), null, principal.getName());
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
			model.addAttribute("created", created);
			return page(model, principal, new ApiTokenForm());
		}
		catch (ApiTokenRefused ex) {
			result.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
			return page(model, principal, form);
		}
	}

	@PostMapping("/profile/tokens/{id:\\d+}/revoke")
	String processRevoke(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		ApiToken token = tokens.revoke(principal.getName(), id, principal.getName());
		redirect.addFlashAttribute("success", "tokens.revoked");
		redirect.addFlashAttribute("successArgs", new Object[] { token.getName() });
		return "redirect:/profile/tokens";
	}

	private String page(Model model, Principal principal, ApiTokenForm form) {
		model.addAttribute("tokenForm", form);
		model.addAttribute("tokens", tokens.list(principal.getName()));
		model.addAttribute("now", clock.instant());
		return TOKENS_VIEW;
	}

}
