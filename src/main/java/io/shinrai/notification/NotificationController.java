package io.shinrai.notification;

import java.security.Principal;
import java.util.Locale;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import io.shinrai.system.NotFoundException;

/**
 * The notifications page: the latest notifications, each opening the page it is about
 * (and read from then on).
 */
@Controller
class NotificationController {

	static final String LIST_VIEW = "notifications/list";

	private static final int SHOWN = 100;

	private final Notifications notifications;

	NotificationController(Notifications notifications) {
		this.notifications = notifications;
	}

	@GetMapping("/notifications")
	String showNotifications(Principal principal, Locale locale, Model model) {
		model.addAttribute("notifications", notifications.latest(principal.getName(), SHOWN, locale));
		return LIST_VIEW;
	}

	/**
	 * Marks the notification read and goes to its page; links are stored as paths of this
	 * app only.
	 */
	@GetMapping("/notifications/{id:\\d+}")
	String openNotification(@PathVariable long id, Principal principal) {
		String link = notifications.open(id, principal.getName())
			.orElseThrow(() -> new NotFoundException("notification " + id));
		return "redirect:" + (link.startsWith("/") && !link.startsWith("//") ? link : "/");
	}

	@PostMapping("/notifications/read")
	String processMarkAllRead(Principal principal) {
		notifications.markAllRead(principal.getName());
		return "redirect:/notifications";
	}

}
