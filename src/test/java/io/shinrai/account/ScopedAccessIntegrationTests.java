package io.shinrai.account;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Signal;
import io.shinrai.promise.NewPromise;
import io.shinrai.promise.Promises;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * A manager and a staff user limited to one segment probe another segment's customer,
 * entry, case and promise at every endpoint that names one (404 expected), every list,
 * export and API answer (the other segment's customer must not appear) and every write
 * (refused, nothing stored). An endpoint that names a customer, entry, case or promise
 * added without a decision here fails
 * {@link #everyEndpointWithAnIdentifierHasAScopedDecision}.
 */
@IntegrationTest
@AutoConfigureMockMvc
class ScopedAccessIntegrationTests {

	/**
	 * "METHOD pattern" → the address with the other segment's identifier, which must
	 * answer 404.
	 */
	private static final Map<String, String> NOT_FOUND = Map.ofEntries(Map.entry("GET /customers/{id}", "/customers/C"),
			Map.entry("GET /customers/{id}/edit", "/customers/C/edit"),
			Map.entry("POST /customers/{id}", "/customers/C"),
			Map.entry("GET /customers/{id}/transparency", "/customers/C/transparency"),
			Map.entry("GET /customers/{id}/transparency.pdf", "/customers/C/transparency.pdf"),
			Map.entry("GET /feedback/{id}", "/feedback/E"), Map.entry("GET /feedback/{id}/edit", "/feedback/E/edit"),
			Map.entry("POST /feedback/{id}", "/feedback/E"),
			Map.entry("GET /api/v1/feedback/{id}", "/api/v1/feedback/E"),
			Map.entry("GET /api/v1/customers/{ref}/trust", "/api/v1/customers/R/trust"),
			Map.entry("GET /recovery/{id:\\d+}", "/recovery/K"),
			Map.entry("POST /recovery/{id:\\d+}/status", "/recovery/K/status"),
			Map.entry("POST /recovery/{id:\\d+}/owner", "/recovery/K/owner"),
			Map.entry("POST /recovery/{id:\\d+}/notes", "/recovery/K/notes"),
			Map.entry("POST /promises/{id:\\d+}/kept", "/promises/P/kept"),
			Map.entry("POST /promises/{id:\\d+}/broken", "/promises/P/broken"),
			Map.entry("GET /import/{id:\\d+}", "/import/I"),
			Map.entry("GET /import/{id:\\d+}/progress", "/import/I/progress"),
			Map.entry("GET /import/{id:\\d+}/rejected.csv", "/import/I/rejected.csv"));

	/**
	 * Endpoints with an identifier that is not a customer's, entry's, case's or
	 * promise's, and why.
	 */
	private static final Map<String, String> NOT_ABOUT_A_CUSTOMER = Map.ofEntries(
			Map.entry("GET /notifications/{id:\\d+}", "a user's own notification"),
			Map.entry("POST /profile/tokens/{id:\\d+}/revoke", "a user's own API token"),
			Map.entry("DELETE /api/v1/tokens/{id:\\d+}", "a user's own API token"),
			Map.entry("GET /s/{token}", "the public survey page: the token is the access"),
			Map.entry("POST /s/{token}", "the public survey page: the token is the access"));

	/** Lists, exports and API answers that must not show the other segment's customer. */
	private static final List<String> FILTERED = List.of("/customers", "/customers/export.csv",
			"/customers/suggestions?q=T-", "/feedback", "/feedback/export.csv", "/api/v1/feedback?size=100",
			"/recovery", "/api/v1/recovery-cases?size=100", "/api/v1/promises", "/", "/insights/drivers",
			"/insights/themes", "/insights/consistency", "/insights/warnings", "/survey-links", "/feedback/new",
			"/customers/new", "/notifications", "/api/v1/insights/consistency", "/api/v1/insights/warnings");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestFeedback fixtures;

	@Autowired
	private UserAccounts accounts;

	@Autowired
	private SegmentScopes scopes;

	@Autowired
	private TestUsers users;

	@Autowired
	private Promises promises;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private Clock clock;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	private String mine;

	private String other;

	private Probe own;

	private Probe foreign;

	private String manager;

	private String staff;

	/**
	 * What a probe substitutes for C (customer id), E (entry), R (reference), K (case)
	 * and P (promise).
	 */
	private record Probe(long customer, long entry, String reference, String name, long recoveryCase, long promise) {

		String path(String template) {
			return template.replace("/C", "/" + customer)
				.replace("/E", "/" + entry)
				.replace("/R/", "/" + reference + "/")
				.replace("/K", "/" + recoveryCase)
				.replace("/P/", "/" + promise + "/")
				.replace("/I", "/1");
		}

	}

	@BeforeEach
	void twoSegmentsAndLimitedUsers() {
		mine = TestFeedback.uniqueSegment();
		other = TestFeedback.uniqueSegment();
		manager = limitedUser(Role.MANAGER);
		staff = limitedUser(Role.STAFF);
		own = probe(mine, "Own Segment Trading " + UUID.randomUUID());
		foreign = probe(other, "Foreign Segment Holdings " + UUID.randomUUID());
	}

	private Probe probe(String segment, String name) {
		long customer = fixtures.customer(segment, name);
		long entry = fixtures.entry(customer, clock.instant().minus(Duration.ofHours(1)))
			.rating(Signal.QUALITY, 1)
			.rating(Signal.COMMUNICATION, 1)
			.incident("BROKEN_PROMISE")
			.nps(0)
			.save();
		String reference = jdbc.sql("select reference from customer where id = ?")
			.param(customer)
			.query(String.class)
			.single();
		long recoveryCase = jdbc.sql("select id from recovery_case where customer_id = ?")
			.param(customer)
			.query(Long.class)
			.single();
		long promise = promises
			.record(new NewPromise(reference, null, "Call back " + name, clock.instant().plus(Duration.ofDays(3)),
					TestUsers.MANAGER), TestUsers.MANAGER)
			.id();
		return new Probe(customer, entry, reference, name, recoveryCase, promise);
	}

	private String limitedUser(Role role) {
		String username = "scoped-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
		UserAccount user = accounts.create(username, "Scoped " + role, TestUsers.PASSWORD, role);
		scopes.change(user.getId(), List.of(mine), TestUsers.ADMIN);
		return username;
	}

	@Test
	void theScopeIsTheUsersSegmentsAndAdminsSeeTheWholeCompany() {
		assertThat(scopes.of(manager).segments()).containsExactly(mine);
		assertThat(scopes.of(manager).includes(other)).isFalse();
		assertThat(scopes.of(manager).includes("")).as("customers without a segment").isFalse();
		assertThat(scopes.of(TestUsers.ADMIN).isAll()).isTrue();
		assertThat(scopes.of(TestUsers.STAFF).isAll()).isTrue();
	}

	@Test
	void everyEndpointWithAnIdentifierHasAScopedDecision() {
		Set<String> withIdentifier = new TreeSet<>();
		for (String endpoint : mappedEndpoints()) {
			if (endpoint.contains("{") && !endpoint.contains(" /admin/") && !endpoint.contains("/personal-data")
					&& !endpoint.contains("/erasure") && !endpoint.contains(" /api/v1/webhooks/")) {
				withIdentifier.add(endpoint);
			}
		}
		Set<String> decided = new TreeSet<>(NOT_FOUND.keySet());
		decided.addAll(NOT_ABOUT_A_CUSTOMER.keySet());
		assertThat(decided).as("endpoints naming a customer, entry, case or promise without a scoped decision here")
			.containsAll(withIdentifier);
	}

	@Test
	void anotherSegmentsCustomerEntryCaseAndPromiseAnswer404() throws Exception {
		List<String> failures = new ArrayList<>();
		for (Map.Entry<String, String> probe : NOT_FOUND.entrySet()) {
			String method = probe.getKey().substring(0, probe.getKey().indexOf(' '));
			for (String username : List.of(manager, staff)) {
				MockHttpServletResponse response = perform(method, foreign.path(probe.getValue()), username);
				boolean refusedByRole = username.equals(staff) && response.getStatus() == 403;
				if (response.getStatus() != 404 && !refusedByRole) {
					failures.add(probe.getKey() + " as " + username + ": " + response.getStatus());
				}
			}
		}
		assertThat(failures).as("out-of-scope addresses that did not answer 404").isEmpty();
	}

	@Test
	void theOwnSegmentsCustomerEntryAndCaseAreShown() throws Exception {
		for (String path : List.of("/customers/C", "/feedback/E", "/recovery/K", "/api/v1/feedback/E",
				"/api/v1/customers/R/trust", "/customers/C/edit")) {
			assertThat(perform("GET", own.path(path), manager).getStatus()).as(path).isEqualTo(200);
		}
	}

	@Test
	void listsExportsAndApiAnswersLeaveTheOtherSegmentOut() throws Exception {
		List<String> failures = new ArrayList<>();
		for (String path : FILTERED) {
			MockHttpServletResponse response = perform("GET", path, manager);
			String body = response.getContentAsString();
			if (response.getStatus() != 200) {
				failures.add(path + ": " + response.getStatus());
			}
			else if (body.contains(foreign.reference()) || body.contains(foreign.name()) || body.contains(other)) {
				failures.add(path + " shows the other segment");
			}
		}
		assertThat(failures).isEmpty();
		assertThat(perform("GET", "/customers?q=" + own.reference(), manager).getContentAsString())
			.contains(own.name());
		assertThat(perform("GET", "/feedback/export.csv?customer=" + own.reference(), manager).getContentAsString())
			.contains(own.reference());
		assertThat(
				perform("GET", "/api/v1/recovery-cases?customerRef=" + own.reference(), manager).getContentAsString())
			.contains(own.reference());
		assertThat(perform("GET", "/", manager).getContentAsString()).contains(mine);
	}

	@Test
	void theOtherSegmentsNumbersAreNotAnswered() throws Exception {
		String noData = "\"trust\":null,\"band\":null";
		assertThat(perform("GET", "/api/v1/trust?segment=" + other, manager).getContentAsString()).contains(noData);
		assertThat(perform("GET", "/api/v1/trust?segment=" + other, TestUsers.MANAGER).getContentAsString())
			.doesNotContain(noData);
		assertThat(perform("GET", "/api/v1/trust?segment=" + mine, manager).getContentAsString())
			.doesNotContain(noData);
	}

	@Test
	void writesForAnotherSegmentAreRefusedAndStoreNothing() throws Exception {
		long entries = entriesOf(foreign.customer());
		MockHttpServletResponse logged = perform(
				request(HttpMethod.POST, "/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\":\"" + foreign.reference()
							+ "\",\"channel\":\"EMAIL\",\"category\":\"SERVICE\",\"receivedAt\":\"" + clock.instant()
							+ "\"," + "\"ratings\":{\"quality\":5}}"),
				manager, true);
		assertThat(logged.getStatus()).isEqualTo(400);
		assertThat(logged.getContentAsString()).contains("customerRef").doesNotContain(foreign.name());
		assertThat(entriesOf(foreign.customer())).isEqualTo(entries);

		String newReference = "T-" + UUID.randomUUID();
		MockHttpServletResponse created = perform(
				request(HttpMethod.POST, "/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\":\"" + newReference + "\",\"customerName\":\"New Co\",\"segment\":\""
							+ other + "\",\"channel\":\"EMAIL\",\"category\":\"SERVICE\",\"receivedAt\":\""
							+ clock.instant() + "\",\"ratings\":{\"quality\":5}}"),
				manager, true);
		assertThat(created.getStatus()).isEqualTo(400);
		assertThat(customerExists(newReference)).isFalse();

		MockHttpServletResponse form = perform(request(HttpMethod.POST, "/customers").with(csrf())
			.param("reference", newReference)
			.param("name", "New Co")
			.param("segment", other)
			.param("language", "en"), manager, false);
		assertThat(form.getStatus()).isEqualTo(200);
		assertThat(customerExists(newReference)).isFalse();

		MockHttpServletResponse promise = perform(
				request(HttpMethod.POST, "/api/v1/promises").contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\":\"" + foreign.reference() + "\",\"description\":\"Call\",\"dueAt\":\""
							+ clock.instant().plus(Duration.ofDays(2)) + "\"}"),
				manager, true);
		assertThat(promise.getStatus()).isBetween(400, 499);
		MockHttpServletResponse link = perform(
				request(HttpMethod.POST, "/api/v1/survey-links").contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\":\"" + foreign.reference() + "\"}"),
				manager, true);
		assertThat(link.getStatus()).isBetween(400, 499);
		assertThat(jdbc.sql("select count(*) from promise where customer_id = ?")
			.param(foreign.customer())
			.query(Long.class)
			.single()).isEqualTo(1);

		MockHttpServletResponse own = perform(
				request(HttpMethod.POST, "/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
					.content("{\"customerRef\":\"" + this.own.reference()
							+ "\",\"channel\":\"EMAIL\",\"category\":\"SERVICE\",\"receivedAt\":\"" + clock.instant()
							+ "\"," + "\"ratings\":{\"quality\":5}}"),
				manager, true);
		assertThat(own.getStatus()).isEqualTo(201);
	}

	@Test
	void mergesAreForAdminsOnlyWhateverTheScope() throws Exception {
		MockHttpServletResponse customers = perform(request(HttpMethod.POST, "/api/v1/customers/merge")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"survivorRef\":\"" + own.reference() + "\",\"absorbedRefs\":[\"" + foreign.reference() + "\"]}"),
				manager, true);
		assertThat(customers.getStatus()).isEqualTo(403);
		MockHttpServletResponse segments = perform(
				request(HttpMethod.POST, "/api/v1/segments/merge").contentType(MediaType.APPLICATION_JSON)
					.content("{\"survivor\":\"" + mine + "\",\"absorbed\":[\"" + other + "\"]}"),
				manager, true);
		assertThat(segments.getStatus()).isEqualTo(403);
		MockHttpServletResponse page = perform(request(HttpMethod.POST, "/admin/merge/customers").with(csrf())
			.param("survivorRef", own.reference())
			.param("absorbedRefs", foreign.reference()), manager, false);
		assertThat(page.getStatus()).isEqualTo(403);
		assertThat(entriesOf(foreign.customer())).isOne();
		assertThat(customerExists(foreign.reference())).isTrue();
		assertThat(jdbc.sql("select count(*) from customer where segment = ?").param(other).query(Long.class).single())
			.isOne();
	}

	@Test
	void notificationsAreOnlyAboutTheOwnSegment() {
		String ownCase = "/recovery/" + own.recoveryCase();
		String foreignCase = "/recovery/" + foreign.recoveryCase();
		// managers are told about new cases by default; the notices are delivered after
		// the commits
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> links(TestUsers.MANAGER).contains(foreignCase) && links(manager).contains(ownCase));
		assertThat(links(manager)).doesNotContain(foreignCase);
	}

	private List<String> links(String username) {
		return jdbc.sql("select link from notification where username = ?").param(username).query(String.class).list();
	}

	private long entriesOf(long customer) {
		return jdbc.sql("select count(*) from feedback where customer_id = ?")
			.param(customer)
			.query(Long.class)
			.single();
	}

	private boolean customerExists(String reference) {
		return jdbc.sql("select count(*) from customer where reference = ?")
			.param(reference)
			.query(Long.class)
			.single() > 0;
	}

	private MockHttpServletResponse perform(String method, String path, String username) throws Exception {
		MockHttpServletRequestBuilder request = request(HttpMethod.valueOf(method), path);
		if (!"GET".equals(method)) {
			request.with(csrf());
		}
		return perform(request, username, path.startsWith("/api/"));
	}

	private MockHttpServletResponse perform(MockHttpServletRequestBuilder request, String username, boolean api)
			throws Exception {
		request.with(api ? httpBasic(username, TestUsers.PASSWORD) : user(users.user(username)));
		return mvc.perform(request).andReturn().getResponse();
	}

	private Set<String> mappedEndpoints() {
		Set<String> endpoints = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
			List<String> names = methods.isEmpty() ? List.of("GET", "POST")
					: methods.stream().map(RequestMethod::name).toList();
			for (String pattern : info.getPatternValues()) {
				names.forEach(name -> endpoints.add(name + " " + pattern));
			}
		}
		return endpoints;
	}

}
