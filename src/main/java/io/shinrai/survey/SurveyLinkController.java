package io.shinrai.survey;

import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.CsvDownload;
import io.shinrai.system.SegmentScope;

/**
 * Managers create survey links from the customer page or the case page (copy once, or
 * e-mail), and a CSV of new links for a batch of customers for mail merge. The URL is
 * shown only right after creation: the token is not stored.
 */
@Controller
class SurveyLinkController {

	static final String LINKS_VIEW = "survey/links";

	private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final SurveyLinks links;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	private final Clock clock;

	SurveyLinkController(SurveyLinks links, CustomerDirectory customers, Clock clock, BusinessTime businessTime) {
		this.clock = clock;
		this.links = links;
		this.customers = customers;
		this.zone = businessTime.zone();
	}

	@GetMapping("/survey-links")
	String showLinksPage(Model model, SegmentScope scope) {
		model.addAttribute("segments", customers.segments(scope));
		model.addAttribute("defaultDays", SurveyLinks.DEFAULT_EXPIRES_IN_DAYS);
		model.addAttribute("maxDays", SurveyLinks.MAX_EXPIRES_IN_DAYS);
		return LINKS_VIEW;
	}

	@PostMapping("/survey-links")
	String processLinkForm(@ModelAttribute SurveyLinkForm form, BindingResult result, Principal principal,
			RedirectAttributes redirect, SegmentScope scope) {
		if (form.getCustomerId() == null) {
			return "redirect:/customers";
		}
		String back = form.getCaseId() != null ? "redirect:/recovery/" + form.getCaseId()
				: "redirect:/customers/" + form.getCustomerId();
		if (result.hasErrors()) {
			redirect.addFlashAttribute("surveyLinkFailure", "survey.refused.expiresInDays");
			redirect.addFlashAttribute("surveyLinkFailureArgs", new Object[] { 1, SurveyLinks.MAX_EXPIRES_IN_DAYS });
			return back;
		}
		// a customer outside the user's segments is not found
		customers.get(form.getCustomerId(), scope);
		boolean email = form.getDelivery() == SurveyLinkForm.Delivery.EMAIL;
		IssuedLink link;
		try {
			link = email
					? links.issueByEmail(form.getCustomerId(), form.getCaseId(), form.getExpiresInDays(),
							principal.getName())
					: links.issue(form.getCustomerId(), form.getCaseId(), form.getExpiresInDays(), principal.getName());
		}
		catch (SurveyLinkRefusedException ex) {
			redirect.addFlashAttribute("surveyLinkFailure", ex.messageKey());
			redirect.addFlashAttribute("surveyLinkFailureArgs", ex.arguments());
			return back;
		}
		redirect.addFlashAttribute("surveyLinkIssued", link);
		if (email) {
			redirect.addFlashAttribute("surveyLinkMailed", customers.get(form.getCustomerId()).getEmail());
		}
		return back;
	}

	/**
	 * Creates one new link for every customer of the segment (blank: every customer) and
	 * downloads them as CSV for a mail merge. A POST: it creates links.
	 */
	@PostMapping("/survey-links/batch.csv")
	void downloadBatch(@RequestParam(required = false) String segment,
			@RequestParam(required = false) String expiresInDays, Principal principal, HttpServletResponse response,
			SegmentScope scope) throws IOException {
		Integer days = null;
		if (expiresInDays != null && !expiresInDays.isBlank()) {
			try {
				days = Integer.valueOf(expiresInDays.strip());
			}
			catch (NumberFormatException ex) {
				days = -1;
			}
		}
		if (days != null && (days < 1 || days > SurveyLinks.MAX_EXPIRES_IN_DAYS)) {
			response.sendRedirect("/survey-links?invalidDays");
			return;
		}
		try (CsvDownload csv = CsvDownload.start(response, "survey-links", LocalDate.ofInstant(clock.instant(), zone),
				List.of("customer_ref", "name", "email", "language", "url", "expires_at"))) {
			links.issueForSegment(segment, days, principal.getName(), scope,
					(customer, link) -> csv.row(customer.getReference(), customer.getName(), customer.getEmail(),
							customers.language(customer), link.url(), CSV_TIME.format(link.expiresAt().atZone(zone))));
		}
	}

}
