package io.shinrai.customer;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page for duplicates ({@code /admin/merge}): customers and segments equal once
 * normalised, merged by group or by two references typed in, always through a
 * confirmation page that shows what will move. Admins only: a merge deletes customers and
 * changes what scoped users see.
 */
@Controller
@RequestMapping("/admin/merge")
class MergeController {

	static final String VIEW = "merge/index";

	static final String CONFIRM_CUSTOMERS_VIEW = "merge/customers";

	static final String CONFIRM_SEGMENTS_VIEW = "merge/segments";

	private final CustomerMerges merges;

	MergeController(CustomerMerges merges) {
		this.merges = merges;
	}

	@InitBinder("customerMergeForm")
	void allowCustomerFields(WebDataBinder binder) {
		binder.setAllowedFields("survivorRef", "absorbedRef", "absorbedRefs", "memberRefs", "detailsFromRef");
	}

	@InitBinder("segmentMergeForm")
	void allowSegmentFields(WebDataBinder binder) {
		binder.setAllowedFields("survivor", "absorbed", "absorbedSegments", "members");
	}

	@GetMapping
	String showMergePage(Model model) {
		model.addAttribute("customerMergeForm", new CustomerMergeForm());
		model.addAttribute("segmentMergeForm", new SegmentMergeForm());
		return page(model);
	}

	@PostMapping("/customers/preview")
	String previewCustomers(@ModelAttribute CustomerMergeForm customerMergeForm, BindingResult result, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute("plan", merges.planCustomers(customerMergeForm.toRequest()));
			return CONFIRM_CUSTOMERS_VIEW;
		}
		catch (MergeRefusedException ex) {
			return refused(ex, result, model, response, new SegmentMergeForm(), "segmentMergeForm");
		}
	}

	@PostMapping("/customers")
	String mergeCustomers(@ModelAttribute CustomerMergeForm customerMergeForm, BindingResult result, Model model,
			Principal principal, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			CustomerMerges.CustomerMergePlan plan = merges.mergeCustomers(customerMergeForm.toRequest(),
					principal.getName());
			redirect.addFlashAttribute("success", "merge.customers.done");
			redirect.addFlashAttribute("successArgs", new Object[] { plan.absorbed().size(),
					plan.survivor().reference(), plan.moved().getOrDefault("merge.rows.entries", 0L) });
			return "redirect:/customers/" + plan.survivor().id();
		}
		catch (MergeRefusedException ex) {
			return refused(ex, result, model, response, new SegmentMergeForm(), "segmentMergeForm");
		}
	}

	@PostMapping("/segments/preview")
	String previewSegments(@ModelAttribute SegmentMergeForm segmentMergeForm, BindingResult result, Model model,
			HttpServletResponse response) {
		try {
			model.addAttribute("plan", merges.planSegments(segmentMergeForm.toRequest()));
			return CONFIRM_SEGMENTS_VIEW;
		}
		catch (MergeRefusedException ex) {
			return refused(ex, result, model, response, new CustomerMergeForm(), "customerMergeForm");
		}
	}

	@PostMapping("/segments")
	String mergeSegments(@ModelAttribute SegmentMergeForm segmentMergeForm, BindingResult result, Model model,
			Principal principal, RedirectAttributes redirect, HttpServletResponse response) {
		try {
			CustomerMerges.SegmentMergePlan plan = merges.mergeSegments(segmentMergeForm.toRequest(),
					principal.getName());
			redirect.addFlashAttribute("success", "merge.segments.done");
			redirect.addFlashAttribute("successArgs",
					new Object[] { String.join(", ", plan.absorbed().stream().map(m -> m.segment()).toList()),
							plan.survivor().segment(), plan.moved().getOrDefault("merge.rows.customers", 0L) });
			return "redirect:/admin/merge";
		}
		catch (MergeRefusedException ex) {
			return refused(ex, result, model, response, new CustomerMergeForm(), "customerMergeForm");
		}
	}

	/**
	 * The page again with the refusal above the form it came from, what was typed kept.
	 */
	private String refused(MergeRefusedException ex, BindingResult result, Model model, HttpServletResponse response,
			Object otherForm, String otherName) {
		result.reject(ex.messageKey(), ex.arguments(), null);
		response.setStatus(ex.conflict() ? HttpStatus.CONFLICT.value() : HttpStatus.BAD_REQUEST.value());
		model.addAttribute(otherName, otherForm);
		return page(model);
	}

	private String page(Model model) {
		List<CustomerMerges.CustomerGroup> customerGroups = merges.duplicateCustomers();
		model.addAttribute("customerGroups", customerGroups);
		model.addAttribute("segmentGroups", merges.duplicateSegments());
		return VIEW;
	}

}
