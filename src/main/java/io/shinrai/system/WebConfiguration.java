package io.shinrai.system;

import java.security.Principal;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Language handling: a cookie holds the language chosen in this browser; without one, the
 * browser's Accept-Language picks English or Japanese. {@code ?lang=ja} on any page
 * switches, and a signed-in user's choice is remembered for next time.
 */
@Configuration
class WebConfiguration implements WebMvcConfigurer {

	static final String LANGUAGE_PARAMETER = "lang";

	private final ApplicationEventPublisher events;

	WebConfiguration(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Bean
	LocaleResolver localeResolver() {
		return new LanguageCookie(languageCookie(false), languageCookie(true));
	}

	private static CookieLocaleResolver languageCookie(boolean secure) {
		CookieLocaleResolver resolver = new CookieLocaleResolver(Languages.COOKIE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setCookieSameSite("Lax");
		resolver.setCookieSecure(secure);
		resolver.setDefaultLocaleFunction(request -> Languages.closest(request.getLocale()));
		return resolver;
	}

	/**
	 * The language cookie, {@code Secure} on a request that came over HTTPS (also through
	 * a proxy that says so).
	 */
	private record LanguageCookie(CookieLocaleResolver plain, CookieLocaleResolver secure) implements LocaleResolver {

		@Override
		public Locale resolveLocale(HttpServletRequest request) {
			return plain.resolveLocale(request);
		}

		@Override
		public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
			(request.isSecure() ? secure : plain).setLocale(request, response, locale);
		}

	}

	/**
	 * Links are written as they are. Boot adds a filter that rewrites every link to a
	 * versioned static resource whenever the webjars locator is present; nothing here is
	 * versioned, and the filter looked every link of a page up on the class path (a
	 * customer page with 300 entries spent 150 ms on it). Registering it disabled keeps
	 * Boot's out.
	 */
	@Bean
	FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
		FilterRegistrationBean<ResourceUrlEncodingFilter> registration = new FilterRegistrationBean<>(
				new ResourceUrlEncodingFilter());
		registration.setEnabled(false);
		return registration;
	}

	/**
	 * Text that cannot be stored is refused before anything reads the request (see
	 * {@link BadTextFilter}).
	 */
	@Bean
	FilterRegistrationBean<BadTextFilter> badTextFilter() {
		FilterRegistrationBean<BadTextFilter> registration = new FilterRegistrationBean<>(new BadTextFilter());
		// after the forwarded-header filter and the secure-request marker, before Spring
		// Security
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageSwitch(localeResolver(), events)).excludePathPatterns("/api/**");
	}

	private record LanguageSwitch(LocaleResolver resolver,
			ApplicationEventPublisher events) implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			Languages.supported(request.getParameter(LANGUAGE_PARAMETER)).ifPresent(locale -> {
				resolver.setLocale(request, response, locale);
				Principal principal = request.getUserPrincipal();
				if (principal != null) {
					events.publishEvent(new LanguageChosen(principal.getName(), locale));
				}
			});
			return true;
		}

	}

}
