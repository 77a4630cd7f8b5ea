package io.shinrai.system;

import java.io.IOException;
import java.nio.charset.Charset;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.CookieProcessor;
import org.apache.tomcat.util.http.MimeHeaders;
import org.apache.tomcat.util.http.ServerCookies;

import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Cookies are {@code Secure} whenever the request reached the app over HTTPS, also behind
 * a TLS-terminating proxy.
 * <p>
 * With {@code server.forward-headers-strategy=native} Tomcat itself sees such a request
 * as secure and marks its session cookie. With {@code framework}, only Spring's
 * forwarded-header filter knows, and Tomcat writes the session cookie from its own view
 * of the request; so a filter right after that one notes on the request that it is
 * secure, and Tomcat's cookie writer marks every cookie of a request so noted. The
 * language cookie goes through the locale resolver of {@link WebConfiguration}, which
 * asks the request as the application sees it.
 */
@Configuration(proxyBeanMethods = false)
class SecureCookies {

	static final String SECURE_REQUEST = SecureCookies.class.getName() + ".SECURE";

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> secureRequestMarker() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (request.isSecure()) {
							request.setAttribute(SECURE_REQUEST, Boolean.TRUE);
						}
						chain.doFilter(request, response);
					}

				});
		// right after the forwarded-header filter (highest precedence), before anything
		// can create a session
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	TomcatContextCustomizer secureCookieProcessor() {
		return context -> context.setCookieProcessor(new SecureMarking(context.getCookieProcessor()));
	}

	private record SecureMarking(CookieProcessor delegate) implements CookieProcessor {

		@Override
		public void parseCookieHeader(MimeHeaders headers, ServerCookies serverCookies) {
			delegate.parseCookieHeader(headers, serverCookies);
		}

		@Override
		public String generateHeader(Cookie cookie, HttpServletRequest request) {
			if (request != null && (request.isSecure() || Boolean.TRUE.equals(request.getAttribute(SECURE_REQUEST)))) {
				cookie.setSecure(true);
			}
			return delegate.generateHeader(cookie, request);
		}

		@Override
		public Charset getCharset() {
			return delegate.getCharset();
		}

	}

}
