package io.shinrai.notification;

import java.security.Principal;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;
import io.shinrai.notification.NotificationType.Choice;
import io.shinrai.system.NotFoundException;

/** Every user's profile page: their email address and their notification choices. */
@Controller
class ProfileController {

	static final String PROFILE_VIEW = "notifications/profile";

	private final UserAccounts accounts;

	private final NotificationPreferences preferences;

	private final Mailer mailer;

	ProfileController(UserAccounts accounts, NotificationPreferences preferences, Mailer mailer) {
		this.accounts = accounts;
		this.preferences = preferences;
		this.mailer = mailer;
	}

	@GetMapping("/profile")
	String showProfileForm(Principal principal, Model model) {
		UserAccount user = user(principal);
		Map<NotificationType, Choice> choices = preferences.of(user.getUsername(), user.getRole());
		return page(model, user, ProfileForm.of(user.getEmail(), choices));
	}

	@PostMapping("/profile")
	String processProfileForm(@Valid ProfileForm form, BindingResult result, Principal principal, Model model,
			RedirectAttributes redirect) {
		UserAccount user = user(principal);
		if (result.hasErrors()) {
			return page(model, user, form);
		}
		preferences.saveProfile(user.getUsername(), form.getEmail(),
				form.choices(preferences.of(user.getUsername(), user.getRole()).keySet()));
		redirect.addFlashAttribute("success", "profile.saved");
		return "redirect:/profile";
	}

	private String page(Model model, UserAccount user, ProfileForm form) {
		model.addAttribute("profileForm", form);
		model.addAttribute("account", user);
		model.addAttribute("types", preferences.of(user.getUsername(), user.getRole()).keySet());
		model.addAttribute("mailEnabled", mailer.isEnabled());
		return PROFILE_VIEW;
	}

	private UserAccount user(Principal principal) {
		return accounts.find(principal.getName()).orElseThrow(() -> new NotFoundException("user"));
	}

}
