package io.shinrai.privacy;

import java.security.Principal;
import java.time.Clock;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The retention settings page for admins: the active values, a preview of how many texts
 * and customers they (or the values entered) would affect now, saving a new version with
 * a reason, and the history of versions.
 */
@Controller
@RequestMapping("/admin/retention")
class RetentionAdminController {

	static final String VIEW = "privacy/retention";

	private final Retention retention;

	private final Clock clock;

	RetentionAdminController(Retention retention, Clock clock) {
		this.clock = clock;
		this.retention = retention;
	}

	@GetMapping
	String showRetentionForm(Model model) {
		RetentionVersion active = retention.active();
		model.addAttribute("preview", retention.preview(active.textMonths(), active.inactiveYears(), clock.instant()));
		return page(model, RetentionForm.of(active));
	}

	@PostMapping("/preview")
	String processPreviewForm(@ModelAttribute RetentionForm retentionForm, BindingResult result, Model model) {
		if (!result.hasErrors() && valid(retentionForm, result, false)) {
			model.addAttribute("preview", retention.preview(retentionForm.getTextMonths(),
					retentionForm.getInactiveYears(), clock.instant()));
			model.addAttribute("previewOfEntered", true);
		}
		return page(model, retentionForm);
	}

	@PostMapping
	String processSaveForm(@ModelAttribute RetentionForm retentionForm, BindingResult result, Principal principal,
			Model model, RedirectAttributes redirect) {
		if (result.hasErrors() || !valid(retentionForm, result, true)) {
			return page(model, retentionForm);
		}
		try {
			RetentionVersion saved = retention.change(retentionForm.getTextMonths(), retentionForm.getInactiveYears(),
					retentionForm.getReason(), retentionForm.getBasedOnVersion(), principal.getName());
			redirect.addFlashAttribute("success", "privacy.retention.saved");
			redirect.addFlashAttribute("successArgs", new Object[] { saved.version() });
			return "redirect:/admin/retention";
		}
		catch (InvalidRetentionException ex) {
			result.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
		}
		catch (StaleRetentionException ex) {
			result.reject("privacy.retention.stale", new Object[] { ex.activeVersion() }, null);
			retentionForm.setBasedOnVersion(ex.activeVersion());
		}
		return page(model, retentionForm);
	}

	private static boolean valid(RetentionForm form, BindingResult result, boolean saving) {
		try {
			Retention.validate(form.getTextMonths(), form.getInactiveYears(), saving ? form.getReason() : "preview");
		}
		catch (InvalidRetentionException ex) {
			result.rejectValue(ex.field(), ex.messageKey(), ex.arguments(), null);
		}
		if (saving && form.getBasedOnVersion() == null) {
			result.reject("privacy.retention.outdated");
		}
		return !result.hasErrors();
	}

	private String page(Model model, RetentionForm form) {
		model.addAttribute("retentionForm", form);
		model.addAttribute("active", retention.active());
		model.addAttribute("history", retention.history());
		return VIEW;
	}

}
