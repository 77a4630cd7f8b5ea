package io.shinrai.dashboard;

import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.InvalidPolicyException;
import io.shinrai.scoring.PolicyFieldError;
import io.shinrai.scoring.PolicyVersion;
import io.shinrai.scoring.ScoringPolicies;
import io.shinrai.scoring.ScoringPolicy;
import io.shinrai.scoring.StalePolicyVersionException;
import io.shinrai.scoring.TrustScores;

/**
 * The admin's scoring policy page: edit every field, preview the draft against the active version without saving,
 * activate it with a reason, and re-activate an older version from the history. A save based on a version that is no
 * longer active is refused, so two admins never overwrite each other silently.
 */
@Controller
@RequestMapping("/admin/policy")
class PolicyAdminController {

	static final String POLICY_VIEW = "policy/index";

	/** Shorter than the service's limit, so the history stays readable. */
	static final int MAX_REASON_LENGTH = 500;

	private final ScoringPolicies policies;

	private final TrustScores trustScores;

	PolicyAdminController(ScoringPolicies policies, TrustScores trustScores) {
		this.policies = policies;
		this.trustScores = trustScores;
	}

	@ModelAttribute("incidentsBySignal")
	Map<Signal, List<IncidentType>> incidentsBySignal() {
		Map<Signal, List<IncidentType>> groups = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			groups.put(signal, List.of(IncidentType.values()).stream().filter(t -> t.signal() == signal).toList());
		}
		return groups;
	}

	@ModelAttribute("signals")
	Signal[] signals() {
		return Signal.values();
	}

	@ModelAttribute("maxReasonLength")
	int maxReasonLength() {
		return MAX_REASON_LENGTH;
	}

	@GetMapping
	String showPolicyForm(Model model) {
		PolicyVersion active = policies.active();
		return page(model, PolicyForm.of(active.policy(), active.version()));
	}

	@PostMapping("/preview")
	String processPreviewForm(@ModelAttribute PolicyForm policyForm, BindingResult result, Model model) {
		ScoringPolicy draft = draft(policyForm, result);
		if (draft != null) {
			model.addAttribute("preview", PolicyPreviewView.of(trustScores.preview(draft, Instant.now())));
		}
		return page(model, policyForm);
	}

	@PostMapping
	String processActivateForm(@ModelAttribute PolicyForm policyForm, BindingResult result, Principal principal,
			Model model, RedirectAttributes redirect) {
		ScoringPolicy draft = draft(policyForm, result);
		checkReason(policyForm.getReason(), result);
		if (policyForm.getBasedOnVersion() == null && !result.hasFieldErrors("basedOnVersion")) {
			result.rejectValue("basedOnVersion", "policy.basedOnVersion.missing");
		}
		if (result.hasErrors() || draft == null) {
			return page(model, policyForm);
		}
		try {
			PolicyVersion activated = policies.activate(draft, policyForm.getReason(), policyForm.getBasedOnVersion(),
					principal.getName());
			redirect.addFlashAttribute("success", "policy.activated");
			redirect.addFlashAttribute("successArgs", new Object[] { activated.version() });
			return "redirect:/admin/policy";
		}
		catch (InvalidPolicyException ex) {
			reject(ex.errors(), result);
			return page(model, policyForm);
		}
		catch (StalePolicyVersionException ex) {
			// the entered values stay; the next save is based on the version now active, after the admin has seen it
			model.addAttribute("staleBasedOn", ex.basedOnVersion());
			model.addAttribute("staleActive", policies.version(ex.activeVersion()).orElseGet(policies::active));
			policyForm.setBasedOnVersion(ex.activeVersion());
			return page(model, policyForm);
		}
	}

	@PostMapping("/{version}/reactivate")
	String processReactivateForm(@PathVariable int version, @RequestParam(required = false) String reason,
			@RequestParam(required = false) Integer basedOnVersion, Principal principal, RedirectAttributes redirect) {
		if (reason == null || reason.isBlank()) {
			return refused(redirect, "policy.reactivate.reasonRequired", version);
		}
		if (reason.strip().length() > MAX_REASON_LENGTH) {
			return refused(redirect, "policy.reactivate.reasonTooLong", version, MAX_REASON_LENGTH);
		}
		if (basedOnVersion == null) {
			return refused(redirect, "policy.basedOnVersion.missing");
		}
		try {
			PolicyVersion activated = policies.reactivate(version, reason, basedOnVersion, principal.getName());
			redirect.addFlashAttribute("success", "policy.reactivated");
			redirect.addFlashAttribute("successArgs", new Object[] { version, activated.version() });
		}
		catch (StalePolicyVersionException ex) {
			PolicyVersion active = policies.version(ex.activeVersion()).orElseGet(policies::active);
			return refused(redirect, "policy.stale", ex.basedOnVersion(), active.version(), active.activatedBy());
		}
		catch (InvalidPolicyException ex) {
			return refused(redirect, "policy.reactivate.invalid", version);
		}
		return "redirect:/admin/policy";
	}

	/**
	 * The draft, or {@code null} with the reasons in {@code result}. Every field is checked, also when another one is
	 * empty or not a number (that one is then checked with the active value, so it gets only its own message).
	 */
	private ScoringPolicy draft(PolicyForm form, BindingResult result) {
		for (String field : form.missingFields()) {
			if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, "scoring.policy.invalid.required");
			}
		}
		ScoringPolicy draft = form.toPolicy(policies.active().policy());
		for (PolicyFieldError error : ScoringPolicies.validate(draft)) {
			String field = PolicyForm.formField(error.field());
			if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, error.messageKey(), error.argsArray(), null);
			}
		}
		return result.hasFieldErrors() ? null : draft;
	}

	private static void checkReason(String reason, BindingResult result) {
		if (reason == null || reason.isBlank()) {
			result.rejectValue("reason", "policy.reason.required");
		}
		else if (reason.strip().length() > MAX_REASON_LENGTH) {
			result.rejectValue("reason", "policy.reason.tooLong", new Object[] { MAX_REASON_LENGTH }, null);
		}
	}

	private static void reject(List<PolicyFieldError> errors, BindingResult result) {
		for (PolicyFieldError error : errors) {
			result.rejectValue(PolicyForm.formField(error.field()), error.messageKey(), error.argsArray(), null);
		}
	}

	private String page(Model model, PolicyForm form) {
		model.addAttribute("policyForm", form);
		model.addAttribute("active", policies.active());
		model.addAttribute("serving", policies.serving());
		model.addAttribute("recomputation", policies.recomputationStatus().filter(s -> s.running()).orElse(null));
		model.addAttribute("history", policies.history().stream().map(PolicyHistoryRow::of).toList());
		return POLICY_VIEW;
	}

	private static String refused(RedirectAttributes redirect, String key, Object... args) {
		redirect.addFlashAttribute("failure", key);
		redirect.addFlashAttribute("failureArgs", args);
		return "redirect:/admin/policy";
	}

}
