package io.shinrai.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.shinrai.system.StorableText;

@Controller
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	/**
	 * The sign-in page; {@code ?throttled=N} (where a failed sign-in sends a sender who has to wait) says how many
	 * seconds to wait.
	 */
	@GetMapping("/login")
	String showLoginForm(@RequestParam(name = "throttled", required = false) String throttled, Model model,
			HttpServletRequest request) {
		if (throttled != null && throttled.matches("\\d{1,6}")) {
			model.addAttribute("waitSeconds", Long.parseLong(throttled));
		}
		HttpSession session = request.getSession(false);
		if (session != null && session.getAttribute(TYPED_USERNAME) instanceof String username) {
			// once: the form after a failed sign-in keeps the user name, a fresh visit later starts empty
			session.removeAttribute(TYPED_USERNAME);
			model.addAttribute("typedUsername", username);
		}
		return LOGIN_VIEW;
	}

	/** After a failed sign-in: the user name typed, for the sign-in form shown next (never the password). */
	static void rememberUsername(HttpServletRequest request) {
		String username = request.getParameter("username");
		if (username != null && username.length() <= MAX_USERNAME && StorableText.isStorable(username)) {
			request.getSession().setAttribute(TYPED_USERNAME, username);
		}
	}

	private static final String TYPED_USERNAME = LoginController.class.getName() + ".username";

	private static final int MAX_USERNAME = 64;

}
