package io.shinrai.account;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

	static final String LOGIN_VIEW = "account/login";

	private final LoginThrottle throttle;

	LoginController(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@GetMapping("/login")
	String showLoginForm(Model model) {
		model.addAttribute("lockMinutes", throttle.lockDuration().toMinutes());
		return LOGIN_VIEW;
	}

}
