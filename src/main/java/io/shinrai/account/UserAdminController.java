package io.shinrai.account;

import java.security.Principal;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.Valid;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.BusinessTime;

/**
 * Users and roles, for admins: list, create, edit display name and role, disable or
 * enable, reset password.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

	static final String LIST_VIEW = "users/list";

	static final String NEW_VIEW = "users/new";

	static final String EDIT_VIEW = "users/edit";

	private final UserAccounts accounts;

	private final ZoneId zone;

	private final SegmentScopes scopes;

	private final CustomerDirectory customers;

	UserAdminController(UserAccounts accounts, BusinessTime businessTime, SegmentScopes scopes,
			CustomerDirectory customers) {
		this.accounts = accounts;
		this.zone = businessTime.zone();
		this.scopes = scopes;
		this.customers = customers;
	}

	@ModelAttribute("roles")
	Role[] roles() {
		return Role.values();
	}

	@ModelAttribute("passwordMinLength")
	int passwordMinLength() {
		return AccountRules.PASSWORD_MIN_LENGTH;
	}

	@GetMapping
	String showUsers(Model model) {
		List<UserRow> rows = accounts.list().stream().map(this::row).toList();
		model.addAttribute("users", rows);
		return LIST_VIEW;
	}

	@GetMapping("/new")
	String showNewUserForm(Model model) {
		model.addAttribute("newUserForm", new NewUserForm());
		return NEW_VIEW;
	}

	@PostMapping
	String processNewUserForm(@Valid NewUserForm form, BindingResult result, Principal principal,
			RedirectAttributes redirect) {
		checkPasswords(form.getPassword(), form.getPasswordRepeated(), result);
		if (result.hasErrors()) {
			return NEW_VIEW;
		}
		try {
			UserAccount user = accounts.createUser(form.getUsername(), form.getDisplayName(), form.getPassword(),
					form.getRole(), principal.getName());
			redirect.addFlashAttribute("success", "users.created");
			redirect.addFlashAttribute("successArgs", new Object[] { user.getUsername() });
			return "redirect:/admin/users";
		}
		catch (UsernameTakenException ex) {
			result.rejectValue("username", "users.username.taken");
			return NEW_VIEW;
		}
	}

	@GetMapping("/{id}")
	String showUser(@PathVariable long id, Model model) {
		UserAccount user = accounts.get(id);
		return editPage(model, user, UserDetailsForm.of(user), PasswordForm.of(user));
	}

	@PostMapping("/{id}")
	String processDetailsForm(@PathVariable long id, @Valid UserDetailsForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		UserAccount user = accounts.get(id);
		if (result.hasFieldErrors("version")) {
			return stale(id, redirect);
		}
		if (result.hasErrors()) {
			return editPage(model, user, form, PasswordForm.of(user));
		}
		try {
			accounts.changeDetails(id, form.getVersion(), form.getDisplayName(), form.getRole(), form.getEmail(),
					principal.getName());
			return saved(id, "users.saved", redirect);
		}
		catch (OptimisticLockingFailureException ex) {
			return stale(id, redirect);
		}
		catch (LastAdminException ex) {
			return refused(id, "users.lastAdmin.demote", redirect);
		}
	}

	@PostMapping("/{id}/enabled")
	String processEnabledForm(@PathVariable long id, @RequestParam(required = false) Boolean enabled,
			@RequestParam(required = false) Long version, Principal principal, RedirectAttributes redirect) {
		if (enabled == null || version == null) {
			return stale(id, redirect);
		}
		try {
			accounts.changeEnabled(id, version, enabled, principal.getName());
			return saved(id, enabled ? "users.enabledNow" : "users.disabledNow", redirect);
		}
		catch (OptimisticLockingFailureException ex) {
			return stale(id, redirect);
		}
		catch (LastAdminException ex) {
			return refused(id, "users.lastAdmin.disable", redirect);
		}
	}

	@PostMapping("/{id}/password")
	String processPasswordForm(@PathVariable long id, @Valid PasswordForm form, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		UserAccount user = accounts.get(id);
		if (result.hasFieldErrors("version")) {
			return stale(id, redirect);
		}
		checkPasswords(form.getPassword(), form.getPasswordRepeated(), result);
		if (result.hasErrors()) {
			return editPage(model, user, UserDetailsForm.of(user), form);
		}
		try {
			accounts.resetPassword(id, form.getVersion(), form.getPassword(), principal.getName());
			return saved(id, "users.passwordReset", redirect);
		}
		catch (OptimisticLockingFailureException ex) {
			return stale(id, redirect);
		}
	}

	@PostMapping("/{id}/segments")
	String processSegmentsForm(@PathVariable long id,
			@RequestParam(name = "segments", required = false) List<String> segments, Principal principal,
			RedirectAttributes redirect) {
		accounts.get(id);
		try {
			scopes.change(id, segments == null ? List.of() : segments, principal.getName());
			return saved(id, "access.scope.saved", redirect);
		}
		catch (IllegalArgumentException ex) {
			return refused(id, "access.scope.invalid", redirect);
		}
	}

	private static void checkPasswords(String password, String repeated, BindingResult result) {
		AccountRules.passwordProblem(password)
			.ifPresentOrElse(problem -> result.rejectValue("password", problem), () -> {
				if (!password.equals(repeated)) {
					result.rejectValue("passwordRepeated", "users.password.mismatch");
				}
			});
	}

	private String editPage(Model model, UserAccount user, UserDetailsForm detailsForm, PasswordForm passwordForm) {
		model.addAttribute("user", row(user));
		model.addAttribute("userDetailsForm", detailsForm);
		model.addAttribute("passwordForm", passwordForm);
		Set<String> scope = scopes.stored(user.getId());
		Set<String> choices = new TreeSet<>(customers.segments());
		choices.addAll(scope);
		model.addAttribute("scopeSegments", scope);
		model.addAttribute("segmentChoices", choices);
		return EDIT_VIEW;
	}

	private static String saved(long id, String key, RedirectAttributes redirect) {
		redirect.addFlashAttribute("success", key);
		return "redirect:/admin/users/" + id;
	}

	private static String refused(long id, String key, RedirectAttributes redirect) {
		redirect.addFlashAttribute("failure", key);
		return "redirect:/admin/users/" + id;
	}

	private static String stale(long id, RedirectAttributes redirect) {
		return refused(id, "users.stale", redirect);
	}

	private UserRow row(UserAccount user) {
		return new UserRow(user.getId(), user.getUsername(), user.getDisplayName(), user.getRole(), user.isEnabled(),
				user.getCreatedAt().atZone(zone), user.getVersion(), user.getEmail(), user.isSingleSignOn());
	}

	/**
	 * A user as the pages show it, with the creation time in the business time zone;
	 * {@code singleSignOn} for users who sign in through the OpenID Connect provider
	 * (their role is the provider's at each sign-in).
	 */
	record UserRow(long id, String username, String displayName, Role role, boolean enabled, ZonedDateTime createdAt,
			long version, String email, boolean singleSignOn) {
	}

}
