package io.shinrai.feedback.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.shinrai.feedback.ErasedFeedbackException;
import io.shinrai.feedback.FeedbackRules;
import io.shinrai.feedback.InvalidFeedbackException;
import io.shinrai.feedback.Violation;
import io.shinrai.system.NotFoundException;

/**
 * The feedback API's errors as {@code application/problem+json}; a 400 carries
 * {@code errors}, a map of field to message in the language of the request's
 * {@code Accept-Language}.
 */
@RestControllerAdvice(assignableTypes = FeedbackApiController.class)
class FeedbackApiErrors {

	private final MessageSource messages;

	FeedbackApiErrors(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler
	ProblemDetail invalid(InvalidFeedbackException ex, Locale locale) {
		if (ex.violations().stream().anyMatch(violation -> violation.messageKey().equals(FeedbackRules.ERASED))) {
			return erased(new ErasedFeedbackException(), locale);
		}
		return problem(HttpStatus.BAD_REQUEST, "feedback.api.invalid", locale, errors(ex.violations(), locale));
	}

	/**
	 * 422: the body is valid, but its customer or entry was erased and is never stored
	 * again.
	 */
	@ExceptionHandler
	ProblemDetail erased(ErasedFeedbackException ex, Locale locale) {
		ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "feedback.api.erased", locale,
				errors(ex.violations(), locale));
		problem.setDetail(messages.getMessage(FeedbackRules.ERASED, null, locale));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail invalidQuery(FeedbackApiController.InvalidQueryException ex, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, "feedback.api.invalidQuery", locale, errors(ex.violations(), locale));
	}

	private Map<String, String> errors(List<Violation> violations, Locale locale) {
		Map<String, String> errors = new LinkedHashMap<>();
		for (Violation violation : violations) {
			errors.putIfAbsent(violation.field(),
					messages.getMessage(violation.messageKey(), violation.arguments(), locale));
		}
		return errors;
	}

	@ExceptionHandler
	ProblemDetail unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, "feedback.api.invalid", locale,
				Map.of("body", messages.getMessage("feedback.api.unreadable", null, locale)));
	}

	@ExceptionHandler
	ProblemDetail unsupported(HttpMediaTypeNotSupportedException ex, Locale locale) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "feedback.api.unsupportedMediaType", locale, null);
	}

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	ProblemDetail notFound(Exception ex, Locale locale) {
		return problem(HttpStatus.NOT_FOUND, "feedback.api.notFound", locale, null);
	}

	private ProblemDetail problem(HttpStatus status, String titleKey, Locale locale, Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(messages.getMessage(titleKey, null, locale));
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

}
