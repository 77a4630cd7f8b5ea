package io.shinrai.notification;

import java.security.Principal;

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

/**
 * The admins' notifications page: mail status, the webhook endpoints, and each endpoint's
 * delivery log.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhookAdminController {

	static final String LIST_VIEW = "notifications/webhooks";

	static final String DETAIL_VIEW = "notifications/webhook";

	private static final int LOG_SIZE = 100;

	private final WebhookEndpoints endpoints;

	private final Mailer mailer;

	private final WebhookTargets targets;

	WebhookAdminController(WebhookEndpoints endpoints, Mailer mailer, WebhookTargets targets) {
		this.endpoints = endpoints;
		this.mailer = mailer;
		this.targets = targets;
	}

	@GetMapping
	String showWebhooks(Model model) {
		return listPage(model, new WebhookForm());
	}

	@PostMapping
	String processWebhookForm(@ModelAttribute WebhookForm form, BindingResult result, Principal principal, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors()) {
			result.reject("webhooks.invalid");
			return listPage(model, form);
		}
		try {
			WebhookEndpoint created = endpoints.create(form.getUrl(), form.getEvents(), form.getSecret(),
					form.getFormat(), principal.getName());
			redirect.addFlashAttribute("success", "webhooks.created");
			return "redirect:/admin/webhooks/" + created.id();
		}
		catch (WebhookRefused ex) {
			result.rejectValue(ex.field(), ex.key(), ex.args(), ex.key());
			return listPage(model, form);
		}
	}

	@GetMapping("/{id:\\d+}")
	String showWebhook(@PathVariable long id, Model model) {
		model.addAttribute("endpoint", endpoints.get(id));
		model.addAttribute("log", endpoints.log(id, LOG_SIZE));
		model.addAttribute("pending", endpoints.pending(id));
		return DETAIL_VIEW;
	}

	@PostMapping("/{id:\\d+}/test")
	String processTest(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		endpoints.sendTest(id, principal.getName());
		redirect.addFlashAttribute("success", "webhooks.testQueued");
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/{id:\\d+}/enabled")
	String processEnabled(@PathVariable long id, @RequestParam(defaultValue = "false") boolean enabled,
			Principal principal, RedirectAttributes redirect) {
		endpoints.setEnabled(id, enabled, principal.getName());
		redirect.addFlashAttribute("success", enabled ? "webhooks.enabledNow" : "webhooks.disabledNow");
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/{id:\\d+}/delete")
	String processDelete(@PathVariable long id, Principal principal, RedirectAttributes redirect) {
		endpoints.delete(id, principal.getName());
		redirect.addFlashAttribute("success", "webhooks.deleted");
		return "redirect:/admin/webhooks";
	}

	private String listPage(Model model, WebhookForm form) {
		model.addAttribute("webhookForm", form);
		model.addAttribute("endpoints", endpoints.list());
		model.addAttribute("eventTypes", NotificationType.WEBHOOK_EVENTS);
		model.addAttribute("formats", WebhookFormat.values());
		model.addAttribute("mailEnabled", mailer.isEnabled());
		model.addAttribute("privateAllowed", targets.allowsPrivate());
		return LIST_VIEW;
	}

}
