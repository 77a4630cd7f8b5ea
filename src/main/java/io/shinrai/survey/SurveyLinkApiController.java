package io.shinrai.survey;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.ApiProblems;
import io.shinrai.system.SegmentScope;

/**
 * {@code POST /api/v1/survey-links} (MANAGER): a new link for a customer, optionally
 * about one of its cases. The answer is the only time the URL is given out.
 */
@RestController
class SurveyLinkApiController {

	private final SurveyLinks links;

	private final ApiProblems problems;

	SurveyLinkApiController(SurveyLinks links, ApiProblems problems) {
		this.links = links;
		this.problems = problems;
	}

	@PostMapping(path = "/api/v1/survey-links", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<LinkJson> create(@RequestBody LinkRequest request, Principal principal, SegmentScope scope) {
		IssuedLink link = links.issue(request.customerRef(), request.caseId(), request.expiresInDays(),
				principal.getName(), scope);
		return ResponseEntity.created(URI.create(link.url()))
			.body(new LinkJson(link.id(), link.url(), link.expiresAt()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(SurveyLinkRefusedException ex, Locale locale) {
		return problems.refused(ex, "survey.api.invalid", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problems.unreadable("survey.api.invalid", "survey.api.unreadable", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, Locale locale) {
		return problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "survey.api.unsupportedMediaType", locale, null);
	}

	/**
	 * The request: {@code customerRef} required, {@code caseId} and {@code expiresInDays}
	 * (1–90, default 14) optional.
	 */
	record LinkRequest(String customerRef, Long caseId, Integer expiresInDays) {
	}

	record LinkJson(long id, String url, Instant expiresAt) {
	}

}
