package io.shinrai.promise;

import java.security.Principal;
import java.time.ZoneId;

import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * Managers record promises and mark them kept or broken from the customer page or the
 * case page; each post goes back to the page it came from with a message.
 */
@Controller
class PromiseController {

	private final Promises promises;

	private final ZoneId zone;

	PromiseController(Promises promises, BusinessTime businessTime) {
		this.promises = promises;
		this.zone = businessTime.zone();
	}

	@PostMapping("/promises")
	String processPromiseForm(@ModelAttribute PromiseForm form, BindingResult result,
			@RequestParam(required = false) Long customerId, Principal principal, RedirectAttributes redirect,
			SegmentScope scope) {
		String back = form.getCaseId() != null ? "redirect:/recovery/" + form.getCaseId()
				: customerId != null ? "redirect:/customers/" + customerId : "redirect:/customers";
		if (result.hasFieldErrors("dueAt")) {
			redirect.addFlashAttribute("promiseFailure", "promise.refused.dueInvalid");
			redirect.addFlashAttribute("promiseForm", form);
			return back;
		}
		try {
			promises.record(form.toNewPromise(zone), principal.getName(), scope);
			redirect.addFlashAttribute("promiseSuccess", "promise.recorded");
		}
		catch (PromiseRefusedException ex) {
			redirect.addFlashAttribute("promiseFailure", ex.messageKey());
			redirect.addFlashAttribute("promiseFailureArgs", ex.arguments());
			// the form comes back with what was typed
			redirect.addFlashAttribute("promiseForm", form);
		}
		return back;
	}

	@PostMapping("/promises/{id:\\d+}/kept")
	String processKept(@PathVariable long id, Principal principal, RedirectAttributes redirect, SegmentScope scope) {
		return settle(id, true, principal, redirect, scope);
	}

	@PostMapping("/promises/{id:\\d+}/broken")
	String processBroken(@PathVariable long id, Principal principal, RedirectAttributes redirect, SegmentScope scope) {
		return settle(id, false, principal, redirect, scope);
	}

	private String settle(long id, boolean kept, Principal principal, RedirectAttributes redirect, SegmentScope scope) {
		PromiseView promise = promises.get(id, scope);
		try {
			if (kept) {
				promises.markKept(id, principal.getName());
			}
			else {
				promises.markBroken(id, principal.getName());
			}
			redirect.addFlashAttribute("promiseSuccess", kept ? "promise.markedKept" : "promise.markedBroken");
		}
		catch (PromiseRefusedException ex) {
			redirect.addFlashAttribute("promiseFailure", ex.messageKey());
			redirect.addFlashAttribute("promiseFailureArgs", ex.arguments());
		}
		return promise.caseId() != null ? "redirect:/recovery/" + promise.caseId()
				: "redirect:/customers/" + promise.customerId();
	}

}
