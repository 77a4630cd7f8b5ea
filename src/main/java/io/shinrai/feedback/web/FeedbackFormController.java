package io.shinrai.feedback.web;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.convert.ConversionService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackChangedException;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.FeedbackRules;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.InvalidFeedbackException;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.Violation;

/** Managers log feedback through a form and correct stored entries with the same form. */
import io.shinrai.system.BusinessTime;
import io.shinrai.system.FormView;
import io.shinrai.system.SegmentScope;

@Controller
class FeedbackFormController {

	static final String FORM_VIEW = "feedback/form";

	private static final String FORM = "feedbackForm";

	/** The value of the "save and log another" button. */
	static final String LOG_ANOTHER = "another";

	private static final String KEPT_CHANNEL = "keptChannel";

	private final FeedbackLog feedback;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	private final Clock clock;

	private final ConversionService conversionService;

	FeedbackFormController(FeedbackLog feedback, CustomerDirectory customers, BusinessTime businessTime,
			@Qualifier("mvcConversionService") ConversionService conversionService, Clock clock) {
		this.conversionService = conversionService;
		this.feedback = feedback;
		this.customers = customers;
		this.zone = businessTime.zone();
		this.clock = clock;
	}

	@InitBinder(FORM)
	void allowOnlyFormFields(WebDataBinder binder) {
		binder.setAllowedFields("token", "version", "originalReceivedAt", "customerRef", "customerName", "segment",
				"receivedAt", "channel", "category", "ratings[*]", "nps", "csat", "ces", "incidents",
				"incidentNotes[*]", "comment");
	}

	@ModelAttribute
	void referenceData(Model model) {
		model.addAttribute("channels", Channel.values());
		model.addAttribute("categories", Category.values());
		model.addAttribute("signals", Signal.values());
		model.addAttribute("ratingValues", List.of(1, 2, 3, 4, 5));
		Map<Signal, List<IncidentType>> incidentsBySignal = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			incidentsBySignal.put(signal,
					Arrays.stream(IncidentType.values()).filter(type -> type.signal() == signal).toList());
		}
		model.addAttribute("incidentsBySignal", incidentsBySignal);
		model.addAttribute("maxComment", FeedbackRules.MAX_COMMENT);
		model.addAttribute("businessZone", zone.getId());
		// the picker's latest time: now, plus the clock skew the rules allow
		model.addAttribute("latestReceivedAt",
				LocalDateTime.ofInstant(clock.instant().plus(FeedbackRules.CLOCK_SKEW), zone)
					.truncatedTo(ChronoUnit.MINUTES));
	}

	@ModelAttribute("recentCustomers")
	List<Customer> recentCustomers(SegmentScope scope) {
		return customers.suggest("", 20, scope);
	}

	@ModelAttribute("segments")
	List<String> segments(SegmentScope scope) {
		return customers.segments(scope);
	}

	@GetMapping("/feedback/new")
	String showLogForm(Model model) {
		FeedbackForm form = FeedbackForm.blank(clock.instant(), zone);
		// after "save and log another": the next paper form of the stack most likely
		// came the same way
		if (model.getAttribute(KEPT_CHANNEL) instanceof Channel channel) {
			form.setChannel(channel);
		}
		model.addAttribute(FORM, form);
		return FORM_VIEW;
	}

	@PostMapping("/feedback")
	@FormView(FORM_VIEW)
	String processLogForm(@ModelAttribute(FORM) FeedbackForm form, BindingResult result,
			@RequestParam(name = "then", required = false) String then, Principal principal, Model model,
			RedirectAttributes redirect, SegmentScope scope) {
		NewFeedback entry = checked(form, principal, result, model);
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			StoredFeedback stored = feedback.logOnce(form.submissionToken(), entry, scope);
			if (LOG_ANOTHER.equals(then)) {
				// the fresh form names the saved entry and links to it
				redirect.addFlashAttribute("loggedId", stored.id());
				redirect.addFlashAttribute("loggedCustomer", stored.customerName());
				redirect.addFlashAttribute(KEPT_CHANNEL, stored.channel());
				return "redirect:/feedback/new";
			}
			redirect.addFlashAttribute("success", "feedback.logged");
			redirect.addFlashAttribute("successArgs", new Object[] { stored.customerName() });
			return "redirect:/feedback/" + stored.id();
		}
		catch (InvalidFeedbackException ex) {
			reject(result, ex.violations());
			return FORM_VIEW;
		}
	}

	@GetMapping("/feedback/{id}/edit")
	String showCorrectionForm(@PathVariable long id, Model model, SegmentScope scope) {
		StoredFeedback entry = feedback.get(id, scope);
		model.addAttribute("entry", entry);
		model.addAttribute(FORM, FeedbackForm.of(entry, zone));
		return FORM_VIEW;
	}

	@PostMapping("/feedback/{id}")
	@FormView(value = FORM_VIEW, subject = "entry")
	String processCorrectionForm(@PathVariable long id, @ModelAttribute(FORM) FeedbackForm form, BindingResult result,
			Model model, Principal principal, RedirectAttributes redirect, HttpServletResponse response,
			SegmentScope scope) {
		model.addAttribute("entry", feedback.get(id, scope));
		if (form.getVersion() == null) {
			result.reject("feedback.form.changedMeanwhile");
		}
		NewFeedback entry = checked(form, principal, result, model);
		if (result.hasErrors()) {
			return FORM_VIEW;
		}
		try {
			StoredFeedback saved = feedback.correct(id, entry, form.getVersion(), principal.getName(), scope);
			// a correction that changes nothing comes back at the version it was opened
			// with, and records nothing
			boolean changed = saved.version() != form.getVersion();
			redirect.addFlashAttribute("success", changed ? "feedback.corrected" : "feedback.correctionUnchanged");
			return "redirect:/feedback/" + id;
		}
		catch (FeedbackChangedException ex) {
			result.reject("feedback.form.changedMeanwhile");
			response.setStatus(HttpStatus.CONFLICT.value());
			return FORM_VIEW;
		}
		catch (InvalidFeedbackException ex) {
			reject(result, ex.violations());
			return FORM_VIEW;
		}
	}

	/** The form as a command, with every broken rule reported next to its field. */
	private NewFeedback checked(FeedbackForm form, Principal principal, BindingResult errors, Model model) {
		NewFeedback entry = form.toNewFeedback(zone, principal.getName(), errors);
		reject(errors, feedback.check(entry));
		if (errors.hasErrors()) {
			// the error summary lists the messages in the order of the fields on the page
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, inFormOrder(errors));
		}
		return entry;
	}

	private BindingResult inFormOrder(BindingResult errors) {
		List<String> order = new ArrayList<>(
				List.of("customerRef", "customerName", "segment", "receivedAt", "channel", "category", "ratings"));
		Arrays.stream(Signal.values()).map(FeedbackForm::ratingField).forEach(order::add);
		order.addAll(List.of("nps", "csat", "ces", "incidents"));
		Arrays.stream(IncidentType.values()).map(FeedbackForm::noteField).forEach(order::add);
		order.add("comment");
		BeanPropertyBindingResult sorted = new BeanPropertyBindingResult(errors.getTarget(), errors.getObjectName());
		// values are shown as the binder formats them (the received time as
		// yyyy-MM-ddTHH:mm)
		sorted.initConversion(conversionService);
		errors.getGlobalErrors().forEach(sorted::addError);
		errors.getFieldErrors().stream().sorted(Comparator.comparingInt(error -> {
			int position = order.indexOf(error.getField());
			return position < 0 ? order.size() : position;
		})).forEach(sorted::addError);
		return sorted;
	}

	/**
	 * Adds each violation to its field, unless the field already shows why its value
	 * could not be read.
	 */
	static void reject(Errors errors, List<Violation> violations) {
		for (Violation violation : violations) {
			String field = FeedbackForm.formField(violation.field());
			if (!errors.hasFieldErrors(field)) {
				errors.rejectValue(field, violation.messageKey(), violation.arguments(), null);
			}
		}
	}

}
