package io.shinrai.privacy;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.NotFoundException;

/**
 * The personal data API for admins: {@code GET /api/v1/customers/{ref}/personal-data}
 * exports everything Shinrai holds about the customer as one JSON document; {@code POST
 * /api/v1/customers/{ref}/erasure} with {@code {"reason": "..."}} erases it (200 with
 * what was done; the same again answers {@code alreadyErased: true}). Errors are
 * {@code application/problem+json} in the language of {@code Accept-Language}.
 */
@RestController
@RequestMapping(path = "/api/v1/customers/{ref}", produces = MediaType.APPLICATION_JSON_VALUE)
class PrivacyApiController {

	private final PersonalDataExports exports;

	private final Erasures erasures;

	private final MessageSource messages;

	PrivacyApiController(PersonalDataExports exports, Erasures erasures, MessageSource messages) {
		this.exports = exports;
		this.erasures = erasures;
		this.messages = messages;
	}

	@GetMapping("/personal-data")
	Map<String, Object> personalData(@PathVariable String ref, Principal principal) {
		return exports.exportByReference(ref, principal.getName());
	}

	/** The body of an erasure request. */
	record ErasureRequest(String reason) {
	}

	@PostMapping(path = "/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> erase(@PathVariable String ref, @RequestBody ErasureRequest request, Principal principal) {
		Erasures.Erasure erasure = erasures.eraseByReference(ref, request == null ? null : request.reason(),
				principal.getName());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("erased", true);
		body.put("alreadyErased", erasure.alreadyErased());
		if (erasure.customerId() > 0) {
			body.put("customerId", erasure.customerId());
			body.put("label", erasure.label());
			body.put("erasedAt", erasure.erasedAt());
		}
		return body;
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidErasureException ex, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, "privacy.api.invalid",
				messages.getMessage(ex.messageKey(), ex.arguments(), locale), locale);
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, "privacy.api.invalid",
				messages.getMessage("privacy.erasure.reason.required", null, locale), locale);
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex, Locale locale) {
		return problem(HttpStatus.NOT_FOUND, "privacy.api.notFound", null, locale);
	}

	private ProblemDetail problem(HttpStatus status, String titleKey, String detail, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(messages.getMessage(titleKey, null, locale));
		if (detail != null) {
			problem.setDetail(detail);
		}
		return problem;
	}

}
