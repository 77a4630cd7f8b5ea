package io.shinrai.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The Prometheus scrape ({@code /actuator/prometheus}): for admins with HTTP Basic, or
 * for a scraper sending the metrics token ({@code shinrai.metrics.token}) as a bearer
 * token. No session, no CSRF (no cookies are used); anyone else gets 401, other signed-in
 * users 403.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsSecurityConfiguration {

	static final String PATH = "/actuator/prometheus";

	private static final String METRICS = "METRICS";

	@Bean
	@Order(1)
	SecurityFilterChain metricsSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
			MetricsProperties properties, SsoProperties sso) throws Exception {
		AuthenticationEntryPoint unauthorized = (request, response, ex) -> refuse(response);
		http.securityMatcher(PATH)
			.authenticationManager(authenticationManager)
			.authorizeHttpRequests(requests -> requests.anyRequest().hasAnyRole("ADMIN", METRICS))
			.addFilterBefore(new MetricsTokenFilter(properties), BasicAuthenticationFilter.class)
			.httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling(errors -> errors.authenticationEntryPoint(unauthorized))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.csrf(csrf -> csrf.disable());
		if (!sso.localAccounts()) {
			// no passwords anywhere once local accounts are off: only the metrics token
			http.httpBasic(basic -> basic.disable());
		}
		return http.build();
	}

	private static void refuse(HttpServletResponse response) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Shinrai\", Bearer realm=\"Shinrai\"");
		response.sendError(HttpStatus.UNAUTHORIZED.value());
	}

	/**
	 * Authenticates a request that carries the metrics token; a wrong bearer token is
	 * refused at once.
	 */
	static final class MetricsTokenFilter extends OncePerRequestFilter {

		private final byte[] token;

		private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

		MetricsTokenFilter(MetricsProperties properties) {
			this.token = properties.tokenSet() ? properties.token().getBytes(StandardCharsets.UTF_8) : null;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			String bearer = BearerToken.of(request);
			if (bearer == null) {
				chain.doFilter(request, response);
				return;
			}
			byte[] given = bearer.getBytes(StandardCharsets.UTF_8);
			// compared in constant time, so the answer's timing tells nothing about how
			// much of it was right
			if (token == null || !MessageDigest.isEqual(token, given)) {
				refuse(response);
				return;
			}
			SecurityContext context = contexts.createEmptyContext();
			context.setAuthentication(new PreAuthenticatedAuthenticationToken("metrics-token", null,
					List.of(new SimpleGrantedAuthority("ROLE_" + METRICS))));
			contexts.setContext(context);
			try {
				chain.doFilter(request, response);
			}
			finally {
				contexts.clearContext();
			}
		}

	}

}
