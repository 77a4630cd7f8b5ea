package io.shinrai.recovery;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.SegmentScope;

/**
 * {@code GET /api/v1/recovery-cases}: the recovery cases as JSON, for STAFF and up (HTTP
 * Basic).
 */
@RestController
class RecoveryCaseApiController {

	static final int DEFAULT_SIZE = 20;

	private final RecoveryCases cases;

	private final CustomerDirectory customers;

	RecoveryCaseApiController(RecoveryCases cases, CustomerDirectory customers) {
		this.cases = cases;
		this.customers = customers;
	}

	/**
	 * Cases newest first, optionally of one status and one customer (by CRM reference; an
	 * unknown reference has no cases). {@code page} counts from 0, {@code size} is 1 to
	 * 100.
	 */
	@GetMapping(path = "/api/v1/recovery-cases", produces = MediaType.APPLICATION_JSON_VALUE)
	CasesJson list(@RequestParam(required = false) String status, @RequestParam(required = false) String customerRef,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size,
			SegmentScope scope) {
		RecoveryStatus wanted = null;
		if (status != null && !status.isBlank()) {
			try {
				wanted = RecoveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BadParameter("status", "must be one of OPEN, ACKNOWLEDGED, RESOLVED, CLOSED");
			}
		}
		if (page < 0) {
			throw new BadParameter("page", "must be 0 or more");
		}
		if (size < 1 || size > CaseSearch.MAX_SIZE) {
			throw new BadParameter("size", "must be between 1 and " + CaseSearch.MAX_SIZE);
		}
		Long customerId = null;
		if (customerRef != null && !customerRef.isBlank()) {
			customerId = customers.findByReference(customerRef.strip(), scope).map(Customer::getId).orElse(null);
			if (customerId == null) {
				return new CasesJson(List.of(), page, size, 0, 0);
			}
		}
		Page<CaseSummary> found = cases.search(new CaseSearch(wanted == null ? Set.of() : Set.of(wanted), false, null,
				false, customerId, CaseSearch.Sort.OPENED_DESC, page, size)
			.within(scope));
		return new CasesJson(found.getContent().stream().map(CaseJson::of).toList(), found.getNumber(), found.getSize(),
				found.getTotalElements(), found.getTotalPages());
	}

	@ExceptionHandler(BadParameter.class)
	ResponseEntity<Map<String, Object>> badParameter(BadParameter ex) {
		return badRequest(ex.parameter, ex.getMessage());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return badRequest(ex.getName(), "must be a whole number");
	}

	private static ResponseEntity<Map<String, Object>> badRequest(String parameter, String problem) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(Map.of("status", 400, "title", "Bad Request", "errors", Map.of(parameter, problem)));
	}

	/**
	 * A query parameter the API cannot use; answered with 400 and the parameter's
	 * problem.
	 */
	static final class BadParameter extends RuntimeException {

		private final String parameter;

		BadParameter(String parameter, String problem) {
			super(problem);
			this.parameter = parameter;
		}

	}

	/** One page of cases. */
	record CasesJson(List<CaseJson> content, int page, int size, long totalElements, int totalPages) {
	}

	/**
	 * A case as the API shows it. {@code overdue}: OPEN past its acknowledgement due time
	 * at the request.
	 */
	record CaseJson(long id, String customerRef, RecoveryStatus status, String owner, Instant openedAt,
			Instant acknowledgeDueAt, Instant acknowledgedAt, Instant resolvedAt, Instant closedAt, boolean overdue,
			int reopenedCount, List<Long> entryIds) {

		static CaseJson of(CaseSummary summary) {
			return new CaseJson(summary.id(), summary.customerReference(), summary.status(), summary.owner(),
					summary.openedAt(), summary.acknowledgeDueAt(), summary.acknowledgedAt(), summary.resolvedAt(),
					summary.closedAt(), summary.overdue(), summary.reopenedCount(), summary.entryIds());
		}

	}

}
