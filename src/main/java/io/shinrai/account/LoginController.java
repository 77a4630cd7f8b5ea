package io.shinrai.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	/**
	 * The sign-in page; {@code ?throttled=N} (where a failed sign-in sends a sender who has to wait) says how many
	 * seconds to wait.
	 */
	@GetMapping("/login")
	String showLoginForm(@RequestParam(name = "throttled", required = false) String throttled, Model model) {
		if (throttled != null && throttled.matches("\\d{1,6}")) {
			model.addAttribute("waitSeconds", Long.parseLong(throttled));
		}
		return LOGIN_VIEW;
	}

}
