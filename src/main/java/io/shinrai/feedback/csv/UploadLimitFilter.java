package io.shinrai.feedback.csv;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An upload to {@code /import} over the limit
 * ({@code spring.servlet.multipart.max-file-size} and {@code max-request-size}) goes back
 * to the import page, which says so ({@code /import?tooLarge=true}).
 * <p>
 * This must happen before Spring Security: its CSRF check reads the form's parameters,
 * and for an upload over the limit Tomcat then throws and answers a bare 413, before any
 * controller or exception handler could. So the upload is parsed here first (Tomcat keeps
 * the parts on disk) and a size failure becomes a redirect; everything else goes on
 * unchanged, through every security check. The browser receives the redirect because
 * Tomcat reads the rest of the upload ({@code server.tomcat.max-swallow-size=-1}).
 */
class UploadLimitFilter extends OncePerRequestFilter {

	static final String TOO_LARGE = "/import?tooLarge=true";

	private final long maxRequestBytes;

	UploadLimitFilter(DataSize maxRequestSize) {
		this.maxRequestBytes = maxRequestSize.toBytes();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String contentType = request.getContentType();
		return !"POST".equals(request.getMethod()) || contentType == null
				|| !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > maxRequestBytes) {
			response.sendRedirect(request.getContextPath() + TOO_LARGE);
			return;
		}
		try {
			request.getParts();
		}
		catch (IllegalStateException | ServletException | IOException ex) {
			if (isSizeLimit(ex)) {
				response.sendRedirect(request.getContextPath() + TOO_LARGE);
				return;
			}
			throw ex;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Servlet containers say "exceeds its maximum permitted size" in different exception
	 * types.
	 */
	private static boolean isSizeLimit(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (message != null && message.toLowerCase(Locale.ROOT).contains("exceed")) {
				return true;
			}
		}
		return false;
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter(
				@Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxRequestSize) {
			FilterRegistrationBean<UploadLimitFilter> registration = new FilterRegistrationBean<>(
					new UploadLimitFilter(maxRequestSize));
			registration.addUrlPatterns("/import");
			// just before Spring Security's filter chain
			registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
			return registration;
		}

	}

}
