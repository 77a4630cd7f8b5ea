package io.shinrai.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Walks every endpoint the application maps and checks what anonymous users, STAFF,
 * MANAGER and ADMIN get. An endpoint added without an entry in {@link #EXPECTED} fails
 * this test, so access is always a decision. Users limited to some segments are probed at
 * every endpoint by {@link ScopedAccessIntegrationTests}.
 */
@IntegrationTest
@AutoConfigureMockMvc
class EndpointAccessTests {

	/** Who may use an endpoint. PUBLIC needs no sign-in. */
	enum Access {

		PUBLIC, STAFF, MANAGER, ADMIN

	}

	/**
	 * "METHOD pattern" → the lowest role that may use it. Endpoints marked {@code !}
	 * change data in ways a probe must not trigger (e.g. loading demo data); for them
	 * only refusals are checked.
	 */
	private static final Map<String, Access> EXPECTED = new TreeMap<>(Map.ofEntries(
			Map.entry("GET /login", Access.PUBLIC), Map.entry("GET /", Access.STAFF),
			// recovery
			Map.entry("GET /recovery", Access.STAFF), Map.entry("GET /recovery/{id:\\d+}", Access.STAFF),
			Map.entry("POST /recovery/{id:\\d+}/status", Access.MANAGER),
			Map.entry("POST /recovery/{id:\\d+}/owner", Access.MANAGER),
			Map.entry("POST /recovery/{id:\\d+}/notes", Access.MANAGER),
			Map.entry("POST /recovery/assign", Access.MANAGER), Map.entry("GET /api/v1/recovery-cases", Access.STAFF),
			// feedback capture: customers
			Map.entry("GET /customers/new", Access.MANAGER), Map.entry("POST /customers", Access.MANAGER),
			Map.entry("GET /customers/{id}/edit", Access.MANAGER), Map.entry("POST /customers/{id}", Access.MANAGER),
			Map.entry("GET /customers/suggestions", Access.STAFF),
			// feedback capture: pages
			Map.entry("GET /feedback", Access.STAFF), Map.entry("GET /feedback/{id}", Access.STAFF),
			Map.entry("GET /feedback/new", Access.MANAGER), Map.entry("POST /feedback", Access.MANAGER),
			Map.entry("GET /feedback/{id}/edit", Access.MANAGER), Map.entry("POST /feedback/{id}", Access.MANAGER),
			// feedback capture: JSON API and its OpenAPI description
			Map.entry("GET /api/v1/feedback", Access.STAFF), Map.entry("GET /api/v1/feedback/{id}", Access.STAFF),
			Map.entry("POST /api/v1/feedback", Access.MANAGER), Map.entry("GET /api/openapi", Access.STAFF),
			Map.entry("GET /api/openapi.yaml", Access.STAFF),
			// CSV import (managers) and exports (everyone); a probing POST /import
			// without a file only gets a message
			Map.entry("GET /import", Access.MANAGER), Map.entry("POST /import", Access.MANAGER),
			Map.entry("GET /import/template.csv", Access.MANAGER), Map.entry("GET /import/{id:\\d+}", Access.MANAGER),
			Map.entry("GET /import/{id:\\d+}/progress", Access.MANAGER),
			Map.entry("GET /import/{id:\\d+}/rejected.csv", Access.MANAGER),
			Map.entry("GET /feedback/export.csv", Access.STAFF), Map.entry("GET /customers/export.csv", Access.STAFF),
			Map.entry("GET /customers", Access.STAFF), Map.entry("GET /customers/{id}", Access.STAFF),
			Map.entry("GET /api/v1/customers/{ref}/trust", Access.STAFF), Map.entry("GET /api/v1/trust", Access.STAFF),
			Map.entry("GET /insights", Access.STAFF), Map.entry("GET /insights/drivers", Access.STAFF),
			Map.entry("GET /insights/themes", Access.STAFF), Map.entry("GET /insights/consistency", Access.STAFF),
			Map.entry("GET /insights/warnings", Access.STAFF), Map.entry("POST /insights/warnings/check", Access.ADMIN),
			Map.entry("POST /insights/themes/rebuild", Access.ADMIN),
			Map.entry("GET /api/v1/insights/drivers", Access.STAFF),
			Map.entry("GET /api/v1/insights/themes", Access.STAFF),
			Map.entry("GET /api/v1/insights/consistency", Access.STAFF),
			Map.entry("GET /api/v1/insights/warnings", Access.STAFF),
			Map.entry("GET /api/v1/scoring-policy", Access.STAFF),
			Map.entry("POST /api/v1/scoring-policy", Access.ADMIN),
			// users admin
			Map.entry("GET /admin/users", Access.ADMIN), Map.entry("POST /admin/users", Access.ADMIN),
			Map.entry("GET /admin/users/new", Access.ADMIN), Map.entry("GET /admin/users/{id}", Access.ADMIN),
			Map.entry("POST /admin/users/{id}", Access.ADMIN),
			Map.entry("POST /admin/users/{id}/enabled", Access.ADMIN),
			Map.entry("POST /admin/users/{id}/password", Access.ADMIN),
			Map.entry("POST /admin/users/{id}/segments", Access.ADMIN),
			// audit log
			Map.entry("GET /admin/audit", Access.ADMIN),
			// scoring policy page; the preview saves nothing, activations are not probed
			Map.entry("GET /admin/policy", Access.ADMIN), Map.entry("POST /admin/policy/preview", Access.ADMIN),
			Map.entry("POST /admin/policy", Access.ADMIN),
			Map.entry("POST /admin/policy/{version}/reactivate", Access.ADMIN),
			// dashboard: demo data for an empty database
			Map.entry("POST /admin/demo-data", Access.ADMIN),
			// closing the loop: the public survey page (an unknown token gets the
			// friendly page), survey links, promises
			Map.entry("GET /s/{token}", Access.PUBLIC), Map.entry("POST /s/{token}", Access.PUBLIC),
			Map.entry("GET /s/-/form-expired", Access.PUBLIC), Map.entry("POST /s/-/form-expired", Access.PUBLIC),
			Map.entry("GET /survey-links", Access.STAFF), Map.entry("POST /survey-links", Access.MANAGER),
			Map.entry("POST /survey-links/batch.csv", Access.MANAGER),
			Map.entry("POST /api/v1/survey-links", Access.MANAGER), Map.entry("POST /promises", Access.MANAGER),
			Map.entry("POST /promises/{id:\\d+}/kept", Access.MANAGER),
			Map.entry("POST /promises/{id:\\d+}/broken", Access.MANAGER),
			Map.entry("POST /api/v1/promises", Access.MANAGER), Map.entry("GET /api/v1/promises", Access.STAFF),
			// notifications: everyone's own notifications and profile; webhooks for
			// admins
			Map.entry("GET /notifications", Access.STAFF), Map.entry("GET /notifications/{id:\\d+}", Access.STAFF),
			Map.entry("POST /notifications/read", Access.STAFF), Map.entry("GET /profile", Access.STAFF),
			Map.entry("POST /profile", Access.STAFF), Map.entry("GET /admin/webhooks", Access.ADMIN),
			Map.entry("POST /admin/webhooks", Access.ADMIN), Map.entry("GET /admin/webhooks/{id:\\d+}", Access.ADMIN),
			Map.entry("POST /admin/webhooks/{id:\\d+}/test", Access.ADMIN),
			Map.entry("POST /admin/webhooks/{id:\\d+}/enabled", Access.ADMIN),
			Map.entry("POST /admin/webhooks/{id:\\d+}/delete", Access.ADMIN),
			Map.entry("GET /api/v1/webhooks", Access.ADMIN), Map.entry("POST /api/v1/webhooks", Access.ADMIN),
			Map.entry("DELETE /api/v1/webhooks/{id:\\d+}", Access.ADMIN),
			// privacy: export, erasure, transparency report, retention
			Map.entry("GET /api/v1/customers/{ref}/personal-data", Access.ADMIN),
			Map.entry("POST /api/v1/customers/{ref}/erasure", Access.ADMIN),
			Map.entry("GET /customers/{id}/personal-data.json", Access.ADMIN),
			Map.entry("GET /customers/{id}/erasure", Access.ADMIN),
			Map.entry("POST /customers/{id}/erasure", Access.ADMIN),
			Map.entry("GET /customers/{id}/transparency", Access.MANAGER),
			Map.entry("GET /customers/{id}/transparency.pdf", Access.MANAGER),
			Map.entry("GET /admin/retention", Access.ADMIN), Map.entry("POST /admin/retention/preview", Access.ADMIN),
			Map.entry("POST /admin/retention", Access.ADMIN),
			// merging duplicate customers and segments
			Map.entry("GET /admin/merge", Access.ADMIN), Map.entry("POST /admin/merge/customers/preview", Access.ADMIN),
			Map.entry("POST /admin/merge/customers", Access.ADMIN),
			Map.entry("POST /admin/merge/segments/preview", Access.ADMIN),
			Map.entry("POST /admin/merge/segments", Access.ADMIN),
			Map.entry("POST /api/v1/customers/merge", Access.ADMIN),
			Map.entry("POST /api/v1/segments/merge", Access.ADMIN),
			// backups
			Map.entry("GET /api/v1/backups", Access.ADMIN), Map.entry("POST /api/v1/backups", Access.ADMIN),
			Map.entry("GET /admin/backups", Access.ADMIN), Map.entry("POST /admin/backups", Access.ADMIN),
			// everyone's own API tokens: the page on the profile and the API
			Map.entry("GET /profile/tokens", Access.STAFF), Map.entry("POST /profile/tokens", Access.STAFF),
			Map.entry("POST /profile/tokens/{id:\\d+}/revoke", Access.STAFF),
			Map.entry("GET /api/v1/tokens", Access.STAFF), Map.entry("POST /api/v1/tokens", Access.STAFF),
			Map.entry("DELETE /api/v1/tokens/{id:\\d+}", Access.STAFF)));

	private static final Set<String> NOT_PROBED_WHEN_ALLOWED = Set.of("POST /admin/demo-data", "POST /admin/users/{id}",
			"POST /admin/users/{id}/enabled", "POST /admin/users/{id}/password", "POST /admin/policy",
			"POST /admin/policy/{version}/reactivate", "POST /profile", "POST /admin/webhooks/{id:\\d+}/test",
			"POST /admin/webhooks/{id:\\d+}/enabled", "POST /admin/webhooks/{id:\\d+}/delete",
			"DELETE /api/v1/webhooks/{id:\\d+}", "POST /survey-links/batch.csv", "POST /api/v1/customers/{ref}/erasure",
			"POST /customers/{id}/erasure", "POST /admin/retention", "POST /api/v1/backups", "POST /admin/backups",
			"DELETE /api/v1/tokens/{id:\\d+}", "POST /profile/tokens/{id:\\d+}/revoke",
			"POST /admin/users/{id}/segments");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private ApiTokens tokens;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyMappedEndpointHasADeclaredAccessRule() {
		assertThat(EXPECTED.keySet()).as("endpoints of the application without an expected access rule here")
			.containsAll(mappedEndpoints());
		assertThat(mappedEndpoints()).as("expected access rules for endpoints that no longer exist")
			.containsAll(EXPECTED.keySet());
	}

	@Test
	void everyEndpointAnswersEachRoleAsDeclared() throws Exception {
		List<String> failures = new ArrayList<>();
		for (String endpoint : mappedEndpoints()) {
			Access access = EXPECTED.get(endpoint);
			if (access == null) {
				continue;
			}
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String path = concretePath(endpoint.substring(endpoint.indexOf(' ') + 1));
			boolean api = path.startsWith("/api/");

			MockHttpServletResponse anonymous = perform(method, path, null, api);
			if (access == Access.PUBLIC) {
				expect(failures, endpoint, "anonymous", !isRefused(anonymous, api), anonymous);
			}
			else {
				expect(failures, endpoint, "anonymous",
						api ? anonymous.getStatus() == 401
								: anonymous.getStatus() == 302 && anonymous.getRedirectedUrl().endsWith("/login"),
						anonymous);
			}
			for (Access role : List.of(Access.STAFF, Access.MANAGER, Access.ADMIN)) {
				boolean allowed = access.compareTo(role) <= 0;
				if (allowed && NOT_PROBED_WHEN_ALLOWED.contains(endpoint)) {
					continue;
				}
				MockHttpServletResponse response = perform(method, path, role, api);
				if (allowed) {
					expect(failures, endpoint, role.name(), !isRefused(response, api), response);
				}
				else {
					expect(failures, endpoint, role.name(), response.getStatus() == 403, response);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * The API with personal access tokens: a read-write token gets what its user's role
	 * gets, a read token the same for reading and 403 for everything else.
	 */
	@Test
	void apiEndpointsAnswerTokensAsTheirUsersRole() throws Exception {
		List<String> failures = new ArrayList<>();
		Map<String, String> readWrite = new TreeMap<>();
		Map<String, String> readOnly = new TreeMap<>();
		for (String username : List.of(TestUsers.STAFF, TestUsers.MANAGER, TestUsers.ADMIN)) {
			readWrite.put(username,
					tokens
						.create(username, "access probe", TokenAccess.READ_WRITE, java.time.Duration.ofDays(1), null,
								username)
						.secret());
			readOnly.put(username,
					tokens
						.create(username, "access probe", TokenAccess.READ, java.time.Duration.ofDays(1), null,
								username)
						.secret());
		}
		for (String endpoint : mappedEndpoints()) {
			Access access = EXPECTED.get(endpoint);
			String method = endpoint.substring(0, endpoint.indexOf(' '));
			String path = concretePath(endpoint.substring(endpoint.indexOf(' ') + 1));
			if (access == null || !path.startsWith("/api/")) {
				continue;
			}
			for (Access role : List.of(Access.STAFF, Access.MANAGER, Access.ADMIN)) {
				String username = switch (role) {
					case STAFF -> TestUsers.STAFF;
					case MANAGER -> TestUsers.MANAGER;
					default -> TestUsers.ADMIN;
				};
				boolean allowed = access.compareTo(role) <= 0;
				if (allowed && NOT_PROBED_WHEN_ALLOWED.contains(endpoint)) {
					continue;
				}
				MockHttpServletResponse writer = mvc.perform(request(HttpMethod.valueOf(method), path)
					.header("Authorization", "Bearer " + readWrite.get(username))).andReturn().getResponse();
				expect(failures, endpoint, role + " read-write token",
						allowed ? !isRefused(writer, true) : writer.getStatus() == 403, writer);
				MockHttpServletResponse reader = mvc.perform(request(HttpMethod.valueOf(method), path)
					.header("Authorization", "Bearer " + readOnly.get(username))).andReturn().getResponse();
				boolean readAllowed = allowed && "GET".equals(method);
				expect(failures, endpoint, role + " read token",
						readAllowed ? !isRefused(reader, true) : reader.getStatus() == 403, reader);
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * The Prometheus scrape is an actuator endpoint, not a mapped one: admins (HTTP
	 * Basic) only, besides its token.
	 */
	@Test
	void prometheusScrapeAnswersAdminsOnly() throws Exception {
		assertThat(mvc.perform(request(HttpMethod.GET, "/actuator/prometheus")).andReturn().getResponse().getStatus())
			.isEqualTo(401);
		for (String username : List.of(TestUsers.STAFF, TestUsers.MANAGER)) {
			assertThat(mvc
				.perform(request(HttpMethod.GET, "/actuator/prometheus").with(httpBasic(username, TestUsers.PASSWORD)))
				.andReturn()
				.getResponse()
				.getStatus()).as(username).isEqualTo(403);
		}
		assertThat(mvc
			.perform(request(HttpMethod.GET, "/actuator/prometheus")
				.with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	private static void expect(List<String> failures, String endpoint, String who, boolean ok,
			MockHttpServletResponse response) {
		if (!ok) {
			failures.add(endpoint + " as " + who + " got " + response.getStatus() + " "
					+ (response.getRedirectedUrl() == null ? "" : "→ " + response.getRedirectedUrl()));
		}
	}

	private static boolean isRefused(MockHttpServletResponse response, boolean api) {
		int status = response.getStatus();
		String redirect = response.getRedirectedUrl();
		return status == 401 || status == 403
				|| (!api && status == 302 && redirect != null && redirect.endsWith("/login"));
	}

	private MockHttpServletResponse perform(String method, String path, Access role, boolean api) throws Exception {
		MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), path);
		if (!"GET".equals(method)) {
			request.with(csrf());
		}
		if (role != null) {
			String username = switch (role) {
				case STAFF -> TestUsers.STAFF;
				case MANAGER -> TestUsers.MANAGER;
				default -> TestUsers.ADMIN;
			};
			request.with(api ? httpBasic(username, TestUsers.PASSWORD) : user(users.user(username)));
		}
		return mvc.perform(request).andReturn().getResponse();
	}

	private Set<String> mappedEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			List<String> names = methods.isEmpty() ? List.of("GET", "POST")
					: methods.stream().map(RequestMethod::name).toList();
			for (String pattern : info.getPatternValues()) {
				if (pattern.startsWith("/v3/") || pattern.equals("/error")) {
					continue;
				}
				names.forEach(name -> endpoints.add(name + " " + pattern));
			}
		}
		return endpoints;
	}

	private static String concretePath(String pattern) {
		return pattern.replaceAll("\\{[^}]*}", "1");
	}

}
