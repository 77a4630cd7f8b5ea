package io.shinrai.account;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetailsChecker;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.session.security.SpringSessionBackedSessionRegistry;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.WebUtils;

import io.shinrai.system.ContentSecurityPolicies;
import io.shinrai.system.Languages;

/**
 * Who may do what. Roles are hierarchical (ADMIN > MANAGER > STAFF). Every URL needs a
 * rule here: anything not listed is denied, and {@code EndpointAccessTests} fails for a
 * mapped endpoint whose access is not declared.
 */
@Configuration
class SecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	private static final String STAFF = "STAFF";

	private static final String MANAGER = "MANAGER";

	private static final String ADMIN = "ADMIN";

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/**
	 * Open sessions per user, so that disabling or demoting a user ends theirs (see
	 * {@link UserSessions}): the sessions in the database indexed by user name, so it
	 * ends them whichever instance they were opened on. It reads them as the session
	 * filter does, so a database outage does not fail every signed-in request here
	 * either.
	 */
	@Bean
	SessionRegistry sessionRegistry(SessionConfiguration.TolerantSessions sessions) {
		return new SpringSessionBackedSessionRegistry<>(sessions.repository());
	}

	@Bean
	static RoleHierarchy roleHierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(ADMIN)
			.implies(MANAGER)
			.role(MANAGER)
			.implies(STAFF)
			.build();
	}

	@Bean
	AuthenticationManager authenticationManager(UserAccounts accounts, PasswordEncoder passwordEncoder,
			LoginThrottle throttle) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		// bcrypt once per API client and password, not once per request (see
		// RememberingPasswordEncoder)
		passwords.setPasswordEncoder(new RememberingPasswordEncoder(passwordEncoder));
		// check disabled (and the like) only after the password, so a disabled account
		// costs the same bcrypt time
		// as any other and a wrong password for it fails like every wrong password
		UserDetailsChecker accountStatus = new AccountStatusUserDetailsChecker();
		passwords.setPreAuthenticationChecks(user -> {
		});
		passwords.setPostAuthenticationChecks(accountStatus);
		return new ProviderManager(new ThrottlingAuthenticationProvider(passwords, throttle));
	}

	/** Single sign-on: claims to a Shinrai user, see {@link SingleSignOn}. */
	@Bean
	SingleSignOn singleSignOn(UserAccounts accounts, SsoProperties sso) {
		return new SingleSignOn(accounts, sso);
	}

	/**
	 * The provider's tokens for a signed-in user live in their session (in the database),
	 * not in one instance's memory, so any instance serves the user and nothing outlives
	 * the session.
	 */
	@Bean
	OAuth2AuthorizedClientRepository authorizedClientRepository() {
		return new HttpSessionOAuth2AuthorizedClientRepository();
	}

	/**
	 * The survey page customers answer without signing in ({@code /s/**}): open to
	 * everyone, and it never creates a session. CSRF stays on; with no session to keep
	 * the token in, it is a double-submit cookie (HttpOnly, only sent to {@code /s/},
	 * SameSite=Strict) compared with the form's hidden field. A post without a valid
	 * token is forwarded to a friendly "form expired" page. Stricter headers than the
	 * app: no script at all, no referrer (the URL holds the token).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain surveySecurity(HttpSecurity http) throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("shinrai-survey-csrf");
		csrfTokens.setCookiePath("/s/");
		csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Strict").httpOnly(true));
		AccessDeniedHandlerImpl formExpired = new AccessDeniedHandlerImpl();
		formExpired.setErrorPage("/s/-/form-expired");
		http.securityMatcher("/s/**")
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.securityContext(
					context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens))
			.exceptionHandling(errors -> errors.accessDeniedHandler(formExpired))
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicies.SURVEY_PAGE))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)));
		return http.build();
	}

	/**
	 * The JSON API: personal access tokens ({@code Authorization: Bearer}) and, unless
	 * switched off, HTTP Basic; no session, no CSRF (no cookies are used), JSON errors.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager authenticationManager, ApiTokens tokens,
			LoginThrottle throttle, MessageSource messages, LocaleResolver localeResolver, ApiProperties api,
			SsoProperties sso) throws Exception {
		boolean basic = api.basicAuth() && sso.localAccounts();
		http.securityMatcher("/api/**")
			.authenticationManager(authenticationManager)
			.addFilterBefore(new ApiTokenAuthenticationFilter(tokens, throttle, messages, localeResolver),
					BasicAuthenticationFilter.class)
			.authorizeHttpRequests(requests -> requests
				// everyone's own API tokens
				.requestMatchers("/api/v1/tokens", "/api/v1/tokens/**")
				.hasRole(STAFF)
				.requestMatchers(HttpMethod.POST, "/api/v1/scoring-policy")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.POST, "/api/v1/feedback")
				.hasRole(MANAGER)
				.requestMatchers(HttpMethod.POST, "/api/v1/survey-links", "/api/v1/promises")
				.hasRole(MANAGER)
				// webhooks: admins only, reading included (the secrets are in the answer)
				.requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/api/v1/insights/**")
				.hasRole(STAFF)
				// privacy: personal data export and erasure
				.requestMatchers(HttpMethod.GET, "/api/v1/customers/*/personal-data")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.POST, "/api/v1/customers/*/erasure")
				.hasRole(ADMIN)
				// merging duplicate customers and segments
				.requestMatchers(HttpMethod.POST, "/api/v1/customers/merge", "/api/v1/segments/merge")
				.hasRole(ADMIN)
				// backups: listing and taking them
				.requestMatchers("/api/v1/backups")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/api/**")
				.hasRole(STAFF)
				.anyRequest()
				.denyAll())
			.httpBasic(httpBasic -> httpBasic.authenticationEntryPoint((request, response, ex) -> {
				if (ex instanceof LoginThrottledException throttled) {
					// this sender waits; the user is not locked out and other senders are
					// not affected
					response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
					writeJsonError(response, HttpStatus.TOO_MANY_REQUESTS);
				}
				else if (ex instanceof AuthenticationServiceException) {
					// the user database is away: nothing is known about the credentials
					response.setHeader(HttpHeaders.RETRY_AFTER, "5");
					writeJsonError(response, HttpStatus.SERVICE_UNAVAILABLE);
				}
				else {
					response.setHeader("WWW-Authenticate", basic ? "Basic realm=\"Shinrai\", Bearer" : "Bearer");
					writeJsonError(response, HttpStatus.UNAUTHORIZED);
				}
			}))
			.exceptionHandling(errors -> errors
				.accessDeniedHandler((request, response, ex) -> writeJsonError(response, HttpStatus.FORBIDDEN)))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(csrf -> csrf.disable())
			.headers(headers -> headers
				.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
		if (!basic) {
			// tokens only: the entry point above still answers 401 problem+json to a
			// request without one
			http.httpBasic(httpBasic -> httpBasic.disable())
				.exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, ex) -> {
					response.setHeader("WWW-Authenticate", "Bearer");
					writeJsonError(response, HttpStatus.UNAUTHORIZED);
				}));
		}
		return http.build();
	}

	/** The web pages: form login, CSRF on every form, role rules per URL. */
	@Bean
	@Order(2)
	SecurityFilterChain webSecurity(HttpSecurity http, AuthenticationManager authenticationManager,
			UserAccounts accounts, LocaleResolver localeResolver, SessionRegistry sessionRegistry, SsoProperties sso,
			ObjectProvider<ClientRegistrationRepository> registrations, SingleSignOn singleSignOn) throws Exception {
		http.authenticationManager(authenticationManager)
			.authorizeHttpRequests(requests -> requests
				.requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/webjars/**", "/favicon.ico", "/error",
						"/actuator/health", "/actuator/health/**")
				.permitAll()
				// admin
				.requestMatchers("/admin/**")
				.hasRole(ADMIN)
				// insights: everyone reads; admins run the warning check and recount
				// comment terms
				.requestMatchers(HttpMethod.POST, "/insights/warnings/check", "/insights/themes/rebuild")
				.hasRole(ADMIN)
				.requestMatchers(HttpMethod.GET, "/insights", "/insights/**")
				.hasRole(STAFF)
				// privacy: export and erasure for admins, the transparency report for
				// managers
				.requestMatchers("/customers/*/personal-data.json", "/customers/*/erasure")
				.hasRole(ADMIN)
				.requestMatchers("/customers/*/transparency", "/customers/*/transparency.pdf")
				.hasRole(MANAGER)
				// managers: capture and correction
				.requestMatchers("/import/**")
				.hasRole(MANAGER)
				.requestMatchers("/customers/new", "/customers/*/edit")
				.hasRole(MANAGER)
				.requestMatchers("/feedback/new", "/feedback/*/edit")
				.hasRole(MANAGER)
				.requestMatchers(HttpMethod.POST, "/customers", "/customers/**", "/feedback", "/feedback/**",
						"/recovery/**")
				.hasRole(MANAGER)
				// closing the loop: survey links and promises (the promise service checks
				// who may mark one)
				.requestMatchers(HttpMethod.POST, "/survey-links", "/survey-links/**", "/promises", "/promises/**")
				.hasRole(MANAGER)
				// everyone signed in: their own notifications and profile
				.requestMatchers(HttpMethod.POST, "/notifications/read", "/profile")
				.hasRole(STAFF)
				.requestMatchers(HttpMethod.POST, "/profile/tokens", "/profile/tokens/*/revoke")
				.hasRole(STAFF)
				// everyone signed in: reading (unknown addresses then answer 404, not
				// 403)
				.requestMatchers(HttpMethod.GET, "/**")
				.hasRole(STAFF)
				.anyRequest()
				.denyAll())
			.formLogin(form -> form.loginPage("/login")
				.successHandler(new LocaleRestoringSuccessHandler(accounts, localeResolver))
				.failureHandler((request, response, ex) -> {
					if (ex instanceof LoginThrottledException throttled) {
						response.sendRedirect(
								request.getContextPath() + "/login?throttled=" + throttled.retryAfterSeconds());
					}
					else if (ex instanceof AuthenticationServiceException) {
						// the user database is away: the friendly 503 page, not "wrong
						// password"
						response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
					}
					else {
						LoginController.rememberUsername(request);
						response.sendRedirect(request.getContextPath() + "/login?error");
					}
				}))
			// the saved request is found without a "?continue" marker, so a sign-in lands
			// on "/" or the page asked for
			.requestCache(cache -> cache.requestCache(requestCacheWithoutMarker()))
			.logout(logout -> logout.logoutSuccessUrl("/login?logout"))
			.sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId())
				.sessionConcurrency(concurrency -> concurrency.maximumSessions(-1)
					.sessionRegistry(sessionRegistry)
					.expiredUrl("/login?expired")))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.csrf(Customizer.withDefaults());
		ClientRegistrationRepository providers = registrations.getIfAvailable();
		if (providers != null) {
			// single sign-on: the same sign-in page (it shows the provider's button),
			// session registry and language;
			// the OpenID Connect sign-in is checked first, passwords go on to the manager
			// above
			http.authenticationManager(new ProviderManager(
					List.of(new OidcAuthorizationCodeAuthenticationProvider(
							new RestClientAuthorizationCodeTokenResponseClient(), singleSignOn)),
					authenticationManager));
			http.oauth2Login(oidc -> oidc.loginPage("/login")
				.userInfoEndpoint(userInfo -> userInfo.oidcUserService(singleSignOn))
				.successHandler(new LocaleRestoringSuccessHandler(accounts, localeResolver))
				.failureHandler((request, response, ex) -> {
					String code = ex instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode()
							: "";
					String reason = switch (code) {
						case SingleSignOn.NO_ROLE -> "no-role";
						case SingleSignOn.DISABLED -> "disabled";
						default -> "failed";
					};
					if (ex instanceof AuthenticationServiceException) {
						response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value());
						return;
					}
					response.sendRedirect(request.getContextPath() + "/login?sso=" + reason);
				}));
		}
		if (!sso.localAccounts()) {
			if (providers == null) {
				throw new IllegalStateException("shinrai.sso.local-accounts=false needs a single sign-on provider "
						+ "(spring.security.oauth2.client.registration.*): nobody could sign in");
			}
			http.formLogin(form -> form.disable());
		}
		return http.build();
	}

	private static HttpSessionRequestCache requestCacheWithoutMarker() {
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setMatchingRequestParameterName(null);
		return requestCache;
	}

	private static void writeJsonError(HttpServletResponse response, HttpStatus status) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.getWriter()
			.write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase() + "\"}");
	}

	/**
	 * After sign-in, applies the user's language: a language picked in this browser (its
	 * cookie) becomes the user's preference; without one, the preference saved last time
	 * is applied.
	 */
	static class LocaleRestoringSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

		private final UserAccounts accounts;

		private final LocaleResolver localeResolver;

		LocaleRestoringSuccessHandler(UserAccounts accounts, LocaleResolver localeResolver) {
			this.accounts = accounts;
			this.localeResolver = localeResolver;
			setDefaultTargetUrl("/");
		}

		@Override
		public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
				Authentication authentication) throws IOException, ServletException {
			String username = authentication.getName();
			if (WebUtils.getCookie(request, Languages.COOKIE) != null) {
				accounts.rememberLocale(username, localeResolver.resolveLocale(request));
			}
			else {
				accounts.preferredLocale(username)
					.ifPresent(locale -> localeResolver.setLocale(request, response, locale));
			}
			super.onAuthenticationSuccess(request, response, authentication);
		}

	}

}
