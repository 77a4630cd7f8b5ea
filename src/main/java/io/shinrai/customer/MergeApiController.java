package io.shinrai.customer;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.ApiProblems;

/**
 * {@code POST /api/v1/customers/merge} and {@code POST /api/v1/segments/merge} (ADMIN):
 * the merges of the admin page. {@code "dryRun": true} answers what would move and
 * changes nothing. Refusals are {@code application/problem+json} in the request's
 * language: 400 for the request, 409 when the data stands in the way.
 */
@RestController
class MergeApiController {

	private final CustomerMerges merges;

	private final ApiProblems problems;

	MergeApiController(CustomerMerges merges, ApiProblems problems) {
		this.merges = merges;
		this.problems = problems;
	}

	@PostMapping(path = "/api/v1/customers/merge", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	CustomerMergeResult mergeCustomers(@RequestBody CustomerMergeBody body, Principal principal) {
		CustomerMerges.CustomerMergeRequest request = new CustomerMerges.CustomerMergeRequest(body.survivorRef(),
				body.absorbedRefs(), body.detailsFromRef());
		boolean dryRun = Boolean.TRUE.equals(body.dryRun());
		CustomerMerges.CustomerMergePlan plan = dryRun ? merges.planCustomers(request)
				: merges.mergeCustomers(request, principal.getName());
		return new CustomerMergeResult(dryRun, plan.survivor().reference(),
				plan.absorbed().stream().map(CustomerMerges.Member::reference).toList(), plan.detailsFrom().reference(),
				counts(plan.moved()));
	}

	@PostMapping(path = "/api/v1/segments/merge", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	SegmentMergeResult mergeSegments(@RequestBody SegmentMergeBody body, Principal principal) {
		CustomerMerges.SegmentMergeRequest request = new CustomerMerges.SegmentMergeRequest(body.survivor(),
				body.absorbed());
		boolean dryRun = Boolean.TRUE.equals(body.dryRun());
		CustomerMerges.SegmentMergePlan plan = dryRun ? merges.planSegments(request)
				: merges.mergeSegments(request, principal.getName());
		return new SegmentMergeResult(dryRun, plan.survivor().segment(),
				plan.absorbed().stream().map(CustomerMerges.SegmentMember::segment).toList(), counts(plan.moved()));
	}

	/** {@code merge.rows.entries} → {@code entries}. */
	private static Map<String, Long> counts(Map<String, Long> moved) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		moved.forEach((key, count) -> counts.put(key.substring(key.lastIndexOf('.') + 1), count));
		return counts;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(MergeRefusedException ex, Locale locale) {
		ResponseEntity<ProblemDetail> problem = problems.refused(ex, "merge.api.refused", locale);
		return ex.conflict() ? ResponseEntity.status(HttpStatus.CONFLICT)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(withStatus(problem.getBody(), HttpStatus.CONFLICT)) : problem;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, Locale locale) {
		return problems.unreadable("merge.api.refused", "merge.api.unreadable", locale);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, Locale locale) {
		return problems.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "merge.api.unsupportedMediaType", locale, null);
	}

	private static ProblemDetail withStatus(ProblemDetail problem, HttpStatus status) {
		problem.setStatus(status);
		return problem;
	}

	/** Merge {@code absorbedRefs} into {@code survivorRef}. */
	record CustomerMergeBody(String survivorRef, List<String> absorbedRefs, String detailsFromRef, Boolean dryRun) {
	}

	/** Merge the segments {@code absorbed} into {@code survivor}. */
	record SegmentMergeBody(String survivor, List<String> absorbed, Boolean dryRun) {
	}

	record CustomerMergeResult(boolean dryRun, String survivorRef, List<String> absorbedRefs, String detailsFromRef,
			Map<String, Long> moved) {
	}

	record SegmentMergeResult(boolean dryRun, String survivor, List<String> absorbed, Map<String, Long> moved) {
	}

}
