package io.shinrai.insight;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * 400 problem+json for a filter the insight API cannot use, with the message in the
 * caller's language.
 */
@RestControllerAdvice(assignableTypes = InsightApiController.class)
class InsightApiErrors {

	private final MessageSource messages;

	InsightApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(InsightFilter.BadFilterException.class)
	ResponseEntity<Map<String, Object>> badFilter(InsightFilter.BadFilterException ex, Locale locale) {
		String detail = messages.getMessage(ex.messageKey(), ex.args(), locale);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", HttpStatus.BAD_REQUEST.value());
		body.put("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
		body.put("detail", detail);
		body.put("errors", Map.of(ex.parameter(), detail));
		return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

}
