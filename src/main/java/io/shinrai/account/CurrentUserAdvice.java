package io.shinrai.account;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user into every page's model, for the navigation. */
@ControllerAdvice
class CurrentUserAdvice {

	@ModelAttribute("currentUser")
	CurrentUser currentUser() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ShinraiUser user) {
			return new CurrentUser(user.getUsername(), user.getDisplayName(), user.getRole());
		}
		return null;
	}

	/**
	 * What templates need to know about the user: who it is and which parts of the app
	 * are theirs.
	 */
	public record CurrentUser(String username, String displayName, Role role) {

		public boolean isManager() {
			return role.compareTo(Role.MANAGER) >= 0;
		}

		public boolean isAdmin() {
			return role == Role.ADMIN;
		}

	}

}
