package io.shinrai.customer;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.system.DefaultLanguage;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * Managers create and edit customers. The customers list and the customer page ({@code /customers/{id}}) are read
 * pages of the dashboard module.
 */
import io.shinrai.system.FormView;

@Controller
@RequestMapping("/customers")
class CustomerController {

	static final String FORM_VIEW = "customers/form";

	private final CustomerDirectory directory;

	CustomerController(CustomerDirectory directory) {
		this.directory = directory;
	}

	@InitBinder("customerForm")
	void allowOnlyFormFields(WebDataBinder binder) {
		binder.setAllowedFields("reference", "name", "segment", "email", "language", "version");
	}

	@ModelAttribute("languages")
	List<String> languages() {
		return DefaultLanguage.CODES;
	}

	@ModelAttribute("segments")
	List<String> segments(SegmentScope scope) {
		return directory.segments(scope);
	}

	@GetMapping("/new")
	String showCreateForm(Model model) {
		model.addAttribute("customerForm", CustomerForm.empty(directory.defaultLanguage()));
		return FORM_VIEW;
	}

	@PostMapping
	@FormView(FORM_VIEW)
	String processCreateForm(@Valid @ModelAttribute("customerForm") CustomerForm form, BindingResult result,
			Principal principal, RedirectAttributes redirect, SegmentScope scope) {
		// reported with the other errors; a concurrent creation is still caught when
		// saving
		if (!result.hasFieldErrors("reference") && directory.findByReference(form.getReference().strip()).isPresent()) {
			result.rejectValue("reference", "customer.form.referenceTaken");
		}
		if (!result.hasFieldErrors("segment") && !scope.includes(form.toDetails().segment())) {
			result.rejectValue("segment", "access.scope.segmentOutside");
		}
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			Customer customer = directory.create(form.toDetails(), principal.getName(), scope);
			redirect.addFlashAttribute("success", "customer.created");
			redirect.addFlashAttribute("successArgs", new Object[] { customer.getName() });
			return "redirect:/customers/" + customer.getId();
		}
		catch (DuplicateReferenceException ex) {
			result.rejectValue("reference", "customer.form.referenceTaken");
			return FORM_VIEW;
		}
	}

	@GetMapping("/{id}/edit")
	String showEditForm(@PathVariable long id, Model model, SegmentScope scope) {
		Customer customer = directory.get(id, scope);
		if (customer.isErased()) {
			throw new NotFoundException("customer " + id);
		}
		model.addAttribute("customer", customer);
		model.addAttribute("customerForm", CustomerForm.of(customer, directory.language(customer)));
		return FORM_VIEW;
	}

	@PostMapping("/{id}")
	@FormView(value = FORM_VIEW, subject = "customer")
	String processEditForm(@PathVariable long id, @Valid @ModelAttribute("customerForm") CustomerForm form,
			BindingResult result, Model model, Principal principal, RedirectAttributes redirect,
			HttpServletResponse response, SegmentScope scope) {
		Customer customer = directory.get(id, scope);
		model.addAttribute("customer", customer);
		// the reference is the CRM's key: it is shown, never changed
		form.setReference(customer.getReference());
		if (!result.hasFieldErrors("segment") && !scope.includes(form.toDetails().segment())) {
			result.rejectValue("segment", "access.scope.segmentOutside");
		}
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		if (form.getVersion() == null) {
			result.reject("customer.form.changedMeanwhile");
			return FORM_VIEW;
		}
		try {
			directory.update(id, form.toDetails(), form.getVersion(), principal.getName(), scope);
		}
		catch (OptimisticLockingFailureException ex) {
			result.reject("customer.form.changedMeanwhile");
			response.setStatus(HttpStatus.CONFLICT.value());
			return FORM_VIEW;
		}
		redirect.addFlashAttribute("success", "customer.updated");
		redirect.addFlashAttribute("successArgs", new Object[] { form.getName().strip() });
		return "redirect:/customers/" + id;
	}

	/**
	 * Customers matching what was typed into a customer picker (progressive enhancement
	 * of the feedback form).
	 */
	@GetMapping(path = "/suggestions", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<Suggestion> suggestions(@RequestParam(name = "q", defaultValue = "") String query, SegmentScope scope) {
		if (!StringUtils.hasText(query) || query.length() > Customer.MAX_REFERENCE) {
			return List.of();
		}
		// Ｃ－０００００２ typed on a Japanese keyboard finds C-000002, as the form stores it
		return directory.suggest(CustomerKeys.normalise(query), 20, scope)
			.stream()
			.map(customer -> new Suggestion(customer.getReference(), customer.getName(), customer.getSegment()))
			.toList();
	}

	/** {@code /customers/abc/edit} names no customer: the 404 page, not a bare 400. */
	@ExceptionHandler
	ModelAndView notAnId(MethodArgumentTypeMismatchException ex) {
		return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
	}

	record Suggestion(String reference, String name, String segment) {
	}

}
