package io.shinrai.notification;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The bell's number on every page: the signed-in user's unread notifications (one indexed
 * count).
 */
@ControllerAdvice
class NotificationAdvice {

	private final Notifications notifications;

	NotificationAdvice(Notifications notifications) {
		this.notifications = notifications;
	}

	@ModelAttribute("unreadNotifications")
	Long unreadNotifications(HttpServletRequest request, Principal principal) {
		if (principal == null || request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			return null;
		}
		return notifications.unread(principal.getName());
	}

}
