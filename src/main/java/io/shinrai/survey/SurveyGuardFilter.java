package io.shinrai.survey;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import io.shinrai.system.Languages;

/**
 * In front of the public survey page, before Spring Security: refuses requests over the
 * rate limits ({@link SurveyThrottle}, 429) and requests larger than
 * {@code shinrai.survey.max-request-size} or chunked (413), with a friendly page in the
 * browser's language, before anything reads the body.
 */
class SurveyGuardFilter extends OncePerRequestFilter {

	private final SurveyThrottle throttle;

	private final long maxRequestBytes;

	private final ITemplateEngine templates;

	SurveyGuardFilter(SurveyThrottle throttle, DataSize maxRequestSize, ITemplateEngine templates) {
		this.throttle = throttle;
		this.maxRequestBytes = maxRequestSize.toBytes();
		this.templates = templates;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String token = path.startsWith("/s/") && path.indexOf('/', 3) < 0 ? path.substring(3) : null;
		if (!throttle.allow(request.getRemoteAddr(), token)) {
			response.setHeader(HttpHeaders.RETRY_AFTER, "60");
			refuse(request, response, HttpStatus.TOO_MANY_REQUESTS, "busy");
			return;
		}
		// browsers send forms with a length; a chunked body (no length known in advance)
		// is refused as well
		if (request.getContentLengthLong() > maxRequestBytes || request.getHeader("Transfer-Encoding") != null) {
			refuse(request, response, HttpStatus.CONTENT_TOO_LARGE, "tooLarge");
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String reason)
			throws IOException {
		response.setStatus(status.value());
		response.setContentType("text/html;charset=UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader("Content-Security-Policy", SurveySecurity.CONTENT_SECURITY_POLICY);
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("X-Content-Type-Options", "nosniff");
		// the body was not read: let the connection close rather than keep it for the
		// rest of an oversized post
		response.setHeader(HttpHeaders.CONNECTION, "close");
		Locale locale = Languages.closest(request.getLocale());
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), locale, Map.of("reason", reason));
		templates.process(SurveyPageController.REFUSED_VIEW, context, response.getWriter());
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<SurveyGuardFilter> surveyGuardFilter(SurveyThrottle throttle,
				SurveyProperties properties, ITemplateEngine templates) {
			FilterRegistrationBean<SurveyGuardFilter> registration = new FilterRegistrationBean<>(
					new SurveyGuardFilter(throttle, properties.maxRequestSize(), templates));
			registration.addUrlPatterns("/s/*");
			// before Spring Security's filter chain, so refused requests cost nothing
			// more
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 2);
			return registration;
		}

	}

}
