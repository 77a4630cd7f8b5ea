package io.shinrai.survey;

import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.CsvDownload;
import io.shinrai.system.SegmentScope;

/**
 * Managers create survey links from the customer page or the case page (copy once, or e-mail), and a CSV of new links
 * for a batch of customers for mail merge. The URL is shown only right after creation: the token is not stored.
 */
@Controller
class SurveyLinkController {

	static final String LINKS_VIEW = "survey/links";

	private static final Logger log = LoggerFactory.getLogger(SurveyLinkController.class);

	private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private final SurveyLinks links;

	private final SurveyMailer mailer;

	private final CustomerDirectory customers;

	private final ZoneId zone;

	SurveyLinkController(SurveyLinks links, SurveyMailer mailer, CustomerDirectory customers,
			@Value("${shinrai.business-time-zone:Asia/Tokyo}") ZoneId zone) {
		this.links = links;
		this.mailer = mailer;
		this.customers = customers;
		this.zone = zone;
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
		Customer customer = customers.get(form.getCustomerId(), scope);
		boolean email = form.getDelivery() == SurveyLinkForm.Delivery.EMAIL;
		if (email && (!mailer.isConfigured() || customer.getEmail() == null || customer.getEmail().isBlank())) {
			redirect.addFlashAttribute("surveyLinkFailure",
					mailer.isConfigured() ? "survey.links.noEmail" : "survey.links.mailNotConfigured");
			return back;
		}
		IssuedLink link;
		try {
			link = links.issue(customer.getId(), form.getCaseId(), form.getExpiresInDays(), principal.getName(), scope);
		}
		catch (SurveyLinkRefusedException ex) {
			redirect.addFlashAttribute("surveyLinkFailure", ex.messageKey());
			redirect.addFlashAttribute("surveyLinkFailureArgs", ex.arguments());
			return back;
		}
		redirect.addFlashAttribute("surveyLinkIssued", link);
		if (email) {
			try {
				mailer.send(link, customer.getEmail(), customer.getName(),
						Locale.forLanguageTag(customers.language(customer)), link.caseId() != null);
				links.markEmailed(link.id());
				redirect.addFlashAttribute("surveyLinkMailed", customer.getEmail());
			}
			catch (MailException | IllegalArgumentException ex) {
				// the link exists and is shown: it can still be copied, or mailed again as a new link
				log.warn("Survey link {} could not be e-mailed: {}", link.id(), ex.toString());
				redirect.addFlashAttribute("surveyLinkMailFailed", true);
			}
		}
		return back;
	}

	/**
	 * Creates one new link for every customer of the segment (blank: every customer) and downloads them as CSV for a
	 * mail merge. A POST: it creates links.
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
		try (CsvDownload csv = CsvDownload.start(response, "survey-links", LocalDate.now(zone),
				List.of("customer_ref", "name", "email", "language", "url", "expires_at"))) {
			links.issueForSegment(segment, days, principal.getName(), scope,
					(customer, link) -> csv.row(customer.getReference(), customer.getName(), customer.getEmail(),
							customers.language(customer), link.url(), CSV_TIME.format(link.expiresAt().atZone(zone))));
		}
	}

}
