package io.shinrai.system;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/** When the database is unreachable, pages answer 503 with a friendly page and the API with a 503 problem. */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ModelAndView databaseUnavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		// the mapped pattern, not the address: addresses can carry a customer reference, which is personal data
		log.warn("Database unavailable for {} {}: {}", request.getMethod(),
				request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), ex.getMessage());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ModelAndView json = new ModelAndView(new JacksonJsonView());
			json.addAllObjects(Map.of("status", 503, "title", "Service Unavailable"));
			return json;
		}
		ModelAndView page = new ModelAndView("error/503");
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
		return page;
	}

}
