package io.shinrai.scoring;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.shinrai.system.NotFoundException;

/**
 * JSON errors of the scoring API, with messages in the caller's language
 * (Accept-Language): 400 with a message per bad parameter or policy field, 404 for an
 * unknown customer reference, 409 for a stale policy version.
 */
@RestControllerAdvice(assignableTypes = { TrustApiController.class, ScoringPolicyApiController.class })
class ScoringApiErrors {

	private final MessageSource messages;

	ScoringApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(ApiInstants.BadApiParameterException.class)
	ResponseEntity<Map<String, Object>> badParameter(ApiInstants.BadApiParameterException ex, Locale locale) {
		Map<String, Object> body = body(HttpStatus.BAD_REQUEST,
				messages.getMessage(ex.messageKey(), ex.args(), locale));
		body.put("errors", Map.of(ex.parameter(), messages.getMessage(ex.messageKey(), ex.args(), locale)));
		return respond(HttpStatus.BAD_REQUEST, body);
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<Map<String, Object>> notFound(NotFoundException ex, Locale locale) {
		return respond(HttpStatus.NOT_FOUND,
				body(HttpStatus.NOT_FOUND, messages.getMessage("scoring.api.error.notFound", null, locale)));
	}

	@ExceptionHandler(InvalidPolicyException.class)
	ResponseEntity<Map<String, Object>> invalidPolicy(InvalidPolicyException ex, Locale locale) {
		Map<String, Object> body = body(HttpStatus.BAD_REQUEST,
				messages.getMessage("scoring.api.error.invalidPolicy", null, locale));
		Map<String, String> errors = new LinkedHashMap<>();
		for (PolicyFieldError error : ex.errors()) {
			errors.putIfAbsent(error.field(), messages.getMessage(error.messageKey(), error.argsArray(), locale));
		}
		body.put("errors", errors);
		return respond(HttpStatus.BAD_REQUEST, body);
	}

	@ExceptionHandler(StalePolicyVersionException.class)
	ResponseEntity<Map<String, Object>> stale(StalePolicyVersionException ex, Locale locale) {
		Map<String, Object> body = body(HttpStatus.CONFLICT, messages.getMessage("scoring.api.error.stalePolicy",
				new Object[] { ex.basedOnVersion(), ex.activeVersion() }, locale));
		body.put("activeVersion", ex.activeVersion());
		return respond(HttpStatus.CONFLICT, body);
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return respond(HttpStatus.BAD_REQUEST,
				body(HttpStatus.BAD_REQUEST, messages.getMessage("scoring.api.error.body", null, locale)));
	}

	private static Map<String, Object> body(HttpStatus status, String detail) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status.value());
		body.put("title", status.getReasonPhrase());
		body.put("detail", detail);
		return body;
	}

	private static ResponseEntity<Map<String, Object>> respond(HttpStatus status, Map<String, Object> body) {
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
