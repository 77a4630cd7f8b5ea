package io.shinrai.system;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanUtils;
import org.springframework.core.Conventions;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionService;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.ui.Model;
import org.springframework.ui.ModelMap;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.ServletRequestDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.JacksonJsonView;

/**
 * When the database is unreachable, pages answer 503 with a friendly page and the API
 * with a 503 problem. A form posted meanwhile (its handler names its view with
 * {@link FormView}) is shown again with everything typed and a message, so that it can be
 * sent again once the database is back.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

	static final String FORM_MESSAGE = "database.unavailable.form";

	private final ConversionService conversionService;

	DatabaseUnavailableAdvice(ConversionService mvcConversionService) {
		this.conversionService = mvcConversionService;
	}

	@ExceptionHandler({ CannotGetJdbcConnectionException.class, CannotCreateTransactionException.class,
			DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ModelAndView databaseUnavailable(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		// the mapped pattern, not the address: addresses can carry a customer reference,
		// which is personal data
		log.warn("Database unavailable for {} {}: {}", request.getMethod(),
				request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE), ex.getMessage());
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, "5");
		if (request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health")) {
			// the health endpoint itself reports DOWN; this is the case where reading the
			// caller's session or
			// preferences failed before it could run: the answer is the same
			JacksonJsonView view = new JacksonJsonView();
			ModelAndView health = new ModelAndView(view);
			health.addAllObjects(Map.of("status", "DOWN"));
			return health;
		}
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			JacksonJsonView view = new JacksonJsonView();
			view.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			ModelAndView json = new ModelAndView(view);
			json.addAllObjects(Map.of("status", 503, "title", "Service Unavailable", "detail",
					"The database cannot be reached; nothing was changed. Try again in a moment."));
			return json;
		}
		if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
				&& "POST".equals(request.getMethod())) {
			FormView form = handler.getMethodAnnotation(FormView.class);
			if (form != null) {
				return formAgain(form, handler, request);
			}
		}
		ModelAndView page = new ModelAndView("error/503");
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
		return page;
	}

	/**
	 * The form's view with what was posted bound again and a global error; reference data
	 * the controller provides without the database (lists of channels and the like) is
	 * added, what needs the database is left out.
	 */
	private ModelAndView formAgain(FormView form, HandlerMethod handler, HttpServletRequest request) {
		ModelAndView page = new ModelAndView(form.value());
		page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
		ModelMap model = page.getModelMap();
		Object controller = handler.getBean();
		Set<Method> referenceData = MethodIntrospector
			.selectMethods(handler.getBeanType(),
					(ReflectionUtils.MethodFilter) method -> AnnotatedElementUtils.hasAnnotation(method,
							ModelAttribute.class)
							&& !AnnotatedElementUtils.hasAnnotation(method, RequestMapping.class));
		for (Method method : referenceData) {
			addReferenceData(controller, method, model);
		}
		for (MethodParameter parameter : handler.getMethodParameters()) {
			ModelAttribute attribute = parameter.getParameterAnnotation(ModelAttribute.class);
			if (attribute == null) {
				continue;
			}
			String name = attribute.value().isEmpty() ? Conventions.getVariableNameForParameter(parameter)
					: attribute.value();
			Object target = BeanUtils.instantiateClass(parameter.getParameterType());
			ServletRequestDataBinder binder = new ServletRequestDataBinder(target, name);
			binder.setConversionService(conversionService);
			binder.bind(request);
			BindingResult result = binder.getBindingResult();
			result.reject(FORM_MESSAGE);
			model.addAttribute(name, target);
			model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, result);
		}
		if (!form.subject().isEmpty()
				&& request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("id") != null) {
			model.addAttribute(form.subject(), new StandIn(variables.get("id")));
		}
		return page;
	}

	/**
	 * What the view reads of the thing being changed: its id; anything else it reads
	 * ({@code customer.reference}) is unknown while the database is away and reads as
	 * empty.
	 */
	private static final class StandIn extends LinkedHashMap<String, Object> {

		StandIn(Object id) {
			// ids are numbers, and views format them as such
			put("id", id instanceof String text && text.matches("\\d{1,18}") ? Long.valueOf(text) : id);
		}

		@Override
		public boolean containsKey(Object key) {
			return true;
		}

	}

	private static void addReferenceData(Object controller, Method method, ModelMap model) {
		Class<?>[] types = method.getParameterTypes();
		try {
			ReflectionUtils.makeAccessible(method);
			if (types.length == 1 && Model.class.isAssignableFrom(types[0])) {
				org.springframework.ui.ExtendedModelMap extended = new org.springframework.ui.ExtendedModelMap();
				method.invoke(controller, extended);
				model.addAllAttributes(extended);
			}
			else if (types.length == 0 && method.getReturnType() != void.class) {
				ModelAttribute attribute = AnnotatedElementUtils.findMergedAnnotation(method, ModelAttribute.class);
				String name = attribute == null || attribute.value().isEmpty()
						? Conventions.getVariableNameForReturnType(method, method.getReturnType(), null)
						: attribute.value();
				model.addAttribute(name, method.invoke(controller));
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// needs the database (or something else that is away): the form shows without
			// it
		}
	}

}
