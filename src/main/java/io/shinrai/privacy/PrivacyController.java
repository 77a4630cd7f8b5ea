package io.shinrai.privacy;

import java.security.Principal;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.SegmentScope;

/**
 * The privacy actions on a customer's page: the personal data download and the erasure
 * form (admins), and the transparency report as a page and as PDF (managers and up).
 */
@Controller
class PrivacyController {

	static final String ERASURE_VIEW = "privacy/erasure";

	static final String REPORT_UNAVAILABLE_VIEW = "privacy/report-unavailable";

	private final CustomerDirectory customers;

	private final PersonalDataExports exports;

	private final Erasures erasures;

	private final TransparencyReports reports;

	PrivacyController(CustomerDirectory customers, PersonalDataExports exports, Erasures erasures,
			TransparencyReports reports) {
		this.customers = customers;
		this.exports = exports;
		this.erasures = erasures;
		this.reports = reports;
	}

	@GetMapping(path = "/customers/{id}/personal-data.json")
	ResponseEntity<Map<String, Object>> downloadPersonalData(@PathVariable long id, Principal principal) {
		Map<String, Object> document = exports.export(id, principal.getName());
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("personal-data-" + id + ".json").build().toString())
			.body(document);
	}

	@GetMapping("/customers/{id}/erasure")
	String showErasureForm(@PathVariable long id, Model model) {
		model.addAttribute("customer", customers.get(id));
		model.addAttribute("erasureForm", new ErasureForm());
		return ERASURE_VIEW;
	}

	@PostMapping("/customers/{id}/erasure")
	String processErasureForm(@PathVariable long id, @ModelAttribute ErasureForm erasureForm, BindingResult result,
			Principal principal, Model model, RedirectAttributes redirect) {
		Customer customer = customers.get(id);
		if (customer.isErased()) {
			redirect.addFlashAttribute("success", "privacy.erasure.already");
			return "redirect:/customers/" + id;
		}
		if (!erasureForm.confirms(customer.getReference())) {
			result.rejectValue("confirmation", "privacy.erasure.confirmation.mismatch");
		}
		if (erasureForm.getReason() == null || erasureForm.getReason().isBlank()) {
			result.rejectValue("reason", "privacy.erasure.reason.required");
		}
		if (!result.hasErrors()) {
			try {
				Erasures.Erasure erasure = erasures.erase(id, erasureForm.getReason(), principal.getName());
				redirect.addFlashAttribute("success",
						erasure.alreadyErased() ? "privacy.erasure.already" : "privacy.erasure.done");
				return "redirect:/customers/" + id;
			}
			catch (InvalidErasureException ex) {
				result.rejectValue("reason", ex.messageKey(), ex.arguments(), null);
			}
		}
		model.addAttribute("customer", customer);
		return ERASURE_VIEW;
	}

	@GetMapping(path = "/customers/{id}/transparency", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> showTransparencyReport(@PathVariable long id, HttpServletRequest request,
			SegmentScope scope) {
		customers.get(id, scope);
		TransparencyReport report = reports.report(id);
		return ResponseEntity.ok()
			.contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
			.body(reports.html(report, request.getContextPath() + "/css/transparency.css"));
	}

	@GetMapping("/customers/{id}/transparency.pdf")
	ResponseEntity<byte[]> downloadTransparencyReport(@PathVariable long id, SegmentScope scope) {
		customers.get(id, scope);
		byte[] pdf = reports.pdf(reports.report(id));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename("transparency-report-" + id + ".pdf").build().toString())
			.body(pdf);
	}

	@ExceptionHandler
	@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
	String reportFontMissing(ReportFontMissingException ex, Model model) {
		model.addAttribute("lookedFor", ex.lookedFor());
		return REPORT_UNAVAILABLE_VIEW;
	}

}
