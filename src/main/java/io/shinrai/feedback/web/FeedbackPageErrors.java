package io.shinrai.feedback.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** {@code /feedback/abc} names no entry: the 404 page, not a bare 400. */
@ControllerAdvice(assignableTypes = { FeedbackFormController.class, FeedbackListController.class })
class FeedbackPageErrors {

	@ExceptionHandler
	ModelAndView notAnId(MethodArgumentTypeMismatchException ex) {
		return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
	}

}
