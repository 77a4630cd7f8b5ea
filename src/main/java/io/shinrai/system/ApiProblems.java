package io.shinrai.system;

import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Problem details (RFC 9457) of the JSON API in the caller's language: a title and, for
 * refused fields, one message per field under {@code errors}.
 */
@Component
public class ApiProblems {

	private final MessageSource messages;

	ApiProblems(MessageSource messages) {
		this.messages = messages;
	}

	/** {@code status} with the title {@code titleKey} and the field messages, if any. */
	public ResponseEntity<ProblemDetail> problem(HttpStatus status, String titleKey, Locale locale,
			Map<String, String> errors) {
		ProblemDetail problem = ProblemDetail.forStatus(status);
		problem.setTitle(messages.getMessage(titleKey, null, locale));
		if (errors != null) {
			problem.setProperty("errors", errors);
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** 400 with the title {@code titleKey} and the refused field's message. */
	public ResponseEntity<ProblemDetail> refused(FieldRefusedException ex, String titleKey, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, titleKey, locale,
				Map.of(ex.field(), messages.getMessage(ex.messageKey(), ex.arguments(), locale)));
	}

	/**
	 * 400: the body is not the JSON the call takes; {@code messageKey} says what is
	 * expected.
	 */
	public ResponseEntity<ProblemDetail> unreadable(String titleKey, String messageKey, Locale locale) {
		return problem(HttpStatus.BAD_REQUEST, titleKey, locale,
				Map.of("body", messages.getMessage(messageKey, null, locale)));
	}

}
