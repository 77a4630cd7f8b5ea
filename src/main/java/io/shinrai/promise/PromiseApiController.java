package io.shinrai.promise;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;

import io.shinrai.system.ApiProblems;
import io.shinrai.system.SegmentScope;

/**
 * {@code POST /api/v1/promises} (MANAGER) records a promise; {@code GET /api/v1/promises}
 * (STAFF) lists them, by status and customer. Errors are {@code application/problem+json}
 * in the request's language.
 */
@RestController
class PromiseApiController {

	private final Promises promises;

	private final CustomerDirectory customers;

	private final ApiProblems problems;

	PromiseApiController(Promises promises, CustomerDirectory customers, ApiProblems problems) {
		this.promises = promises;
		this.customers = customers;
		this.problems = problems;
	}

	@PostMapping(path = "/api/v1/promises", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<PromiseView> create(@RequestBody PromiseRequest request, Principal principal, SegmentScope scope) {
		PromiseView promise = promises.record(new NewPromise(request.customerRef(), request.caseId(),
				request.description(), request.dueAt(), request.owner()), principal.getName(), scope);
		return ResponseEntity.created(URI.create("/api/v1/promises?customerRef=" + promise.customerRef()))
			.body(promise);
	}

	/**
	 * At most {@value Promises#LIST_LIMIT}, open ones first by due time. An unknown
	 * customer has none.
	 */
	@GetMapping(path = "/api/v1/promises", produces = MediaType.APPLICATION_JSON_VALUE)
	List<PromiseView> list(@RequestParam(required = false) String status,
			@RequestParam(required = false) String customerRef, SegmentScope scope) {
		PromiseStatus wanted = null;
		if (status != null && !status.isBlank()) {
			try {
				wanted = PromiseStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new PromiseRefusedException("status", "promise.api.status");
			}
		}
		Long customerId = null;
		if (customerRef != null && !customerRef.isBlank()) {
			customerId = customers.findByReference(customerRef.strip(), scope).map(Customer::getId).orElse(null);
			if (customerId == null) {
				return List.of();
			}
		}
		return promises.search(wanted, customerId, Promises.LIST_LIMIT, scope);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(PromiseRefusedException ex, Locale locale) {
		return problems.refused(ex, "promise.api.invalid", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problems.unreadable("promise.api.invalid", "promise.api.unreadable", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, Locale locale) {
		return problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "promise.api.unsupportedMediaType", locale, null);
	}

	/**
	 * {@code dueAt} as an ISO instant, e.g. {@code 2026-12-24T09:00:00Z}; {@code owner} a
	 * manager's user name.
	 */
	record PromiseRequest(String customerRef, Long caseId, String description, Instant dueAt, String owner) {
	}

}
