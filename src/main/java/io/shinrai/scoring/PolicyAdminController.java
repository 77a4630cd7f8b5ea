package io.shinrai.scoring;

import java.security.Principal;
import java.time.Clock;
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

/**
 * The admin's scoring policy page: edit every field, preview the draft against the active
 * version without saving, activate it with a reason, and re-activate an older version
 * from the history. A save based on a version that is no longer active is refused, so two
 * admins never overwrite each other silently.
 */
@Controller
@RequestMapping("/admin/policy")
class PolicyAdminController {

	static final String POLICY_VIEW = "policy/index";

	private final ScoringPolicies policies;

	private final TrustScores trustScores;

	private final Clock clock;

	PolicyAdminController(ScoringPolicies policies, TrustScores trustScores, Clock clock) {
		this.clock = clock;
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
		return PolicyValidation.MAX_REASON_LENGTH;
	}

	@ModelAttribute("fieldsBySection")
	Map<String, List<PolicyField>> fieldsBySection() {
		Map<String, List<PolicyField>> sections = new LinkedHashMap<>();
		for (PolicyField.Section section : PolicyField.Section.values()) {
			sections.put(section.name(), PolicyField.of(section));
		}
		return sections;
	}

	@ModelAttribute("weightRange")
	PolicyField.Range weightRange() {
		return PolicyField.WEIGHT;
	}

	@ModelAttribute("severityRange")
	PolicyField.Range severityRange() {
		return PolicyField.SEVERITY;
	}

	@GetMapping
	String showPolicyForm(Model model) {
		PolicyVersion active = policies.active();
		return page(model, PolicyForm.of(active.policy(), active.version()));
	}

	@PostMapping("/preview")
	String processPreviewForm(@RequestParam Map<String, String> parameters, Model model) {
		PolicyForm form = PolicyForm.read(parameters);
		ScoringPolicy draft = form.toPolicy(policies.active().policy());
		if (form.result().hasErrors()) {
			reject(PolicyValidation.check(draft), form.result());
			return page(model, form);
		}
		try {
			model.addAttribute("preview", PolicyPreviewView.of(trustScores.preview(draft, clock.instant())));
		}
		catch (InvalidPolicyException ex) {
			reject(ex.errors(), form.result());
		}
		return page(model, form);
	}

	@PostMapping
	String processActivateForm(@RequestParam Map<String, String> parameters, Principal principal, Model model,
			RedirectAttributes redirect) {
		PolicyForm form = PolicyForm.read(parameters);
		ScoringPolicy draft = form.toPolicy(policies.active().policy());
		Integer basedOnVersion = form.basedOnVersion();
		BindingResult result = form.result();
		if (result.hasErrors()) {
			// nothing is activated; the rules still report every other field at once
			reject(PolicyValidation.check(draft), result);
			reject(PolicyValidation.checkReason(form.reason()), result);
			return page(model, form);
		}
		try {
			PolicyVersion activated = policies.activate(draft, form.reason(), basedOnVersion, principal.getName());
			redirect.addFlashAttribute("success", "policy.activated");
			redirect.addFlashAttribute("successArgs", new Object[] { activated.version() });
			return "redirect:/admin/policy";
		}
		catch (InvalidPolicyException ex) {
			reject(ex.errors(), result);
			return page(model, form);
		}
		catch (StalePolicyVersionException ex) {
			// the entered values stay; the next save is based on the version now active,
			// after the admin has seen it
			model.addAttribute("staleBasedOn", ex.basedOnVersion());
			model.addAttribute("staleActive", policies.version(ex.activeVersion()).orElseGet(policies::active));
			form.setBasedOnVersion(ex.activeVersion());
			return page(model, form);
		}
	}

	@PostMapping("/{version}/reactivate")
	String processReactivateForm(@PathVariable int version, @RequestParam(required = false) String reason,
			@RequestParam(required = false) Integer basedOnVersion, Principal principal, RedirectAttributes redirect) {
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
			if (ex.errors().stream().anyMatch(error -> error.field().equals("reason"))) {
				return (reason == null || reason.isBlank())
						? refused(redirect, "policy.reactivate.reasonRequired", version) : refused(redirect,
								"policy.reactivate.reasonTooLong", version, PolicyValidation.MAX_REASON_LENGTH);
			}
			return refused(redirect, "policy.reactivate.invalid", version);
		}
		return "redirect:/admin/policy";
	}

	/**
	 * Reports each rule error on its form field, unless that field has a message already.
	 */
	private static void reject(List<PolicyFieldError> errors, BindingResult result) {
		for (PolicyFieldError error : errors) {
			String field = PolicyForm.formField(error.field());
			if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, error.messageKey(), error.argsArray(), null);
			}
		}
	}

	private String page(Model model, PolicyForm form) {
		model.addAttribute(PolicyForm.NAME, form.inputs());
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + PolicyForm.NAME, form.result());
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
