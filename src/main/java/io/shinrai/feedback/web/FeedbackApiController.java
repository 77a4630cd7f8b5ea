package io.shinrai.feedback.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.customer.Customer;
import io.shinrai.feedback.DuplicateFeedbackException;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.InvalidFeedbackException;
import io.shinrai.feedback.ReceivedAt;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.feedback.Violation;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * Feedback for other programs: HTTP Basic, STAFF reads, MANAGER writes (see the security
 * configuration).
 */
@RestController
@RequestMapping(path = "/api/v1/feedback", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Feedback", description = "Log feedback entries and read them back")
class FeedbackApiController {

	static final int MAX_PAGE_SIZE = 100;

	private final FeedbackLog feedback;

	private final ZoneId zone;

	FeedbackApiController(FeedbackLog feedback, BusinessTime businessTime) {
		this.feedback = feedback;
		this.zone = businessTime.zone();
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Log one feedback entry",
			description = "Creates the customer when customerRef is new (customerName is then required).",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					content = @Content(schema = @Schema(implementation = FeedbackRequest.class))),
			responses = {
					@ApiResponse(responseCode = "201", description = "stored; Location points to the entry",
							content = @Content(schema = @Schema(implementation = FeedbackResource.class))),
					@ApiResponse(responseCode = "400",
							description = "invalid: problem+json with an errors map of field to message (Accept-Language)",
							content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE)),
					@ApiResponse(responseCode = "409",
							description = "an entry with this externalId is stored already: it is returned",
							content = @Content(schema = @Schema(implementation = FeedbackResource.class))) })
	ResponseEntity<FeedbackResource> log(@RequestBody JsonNode body, Principal principal, SegmentScope scope) {
		FeedbackRequestReader.Result request = FeedbackRequestReader.read(body, zone, principal.getName());
		if (!request.violations().isEmpty()) {
			throw everyViolation(request, List.of());
		}
		try {
			// storing checks the rules itself: an entry that breaks none costs no
			// separate check
			StoredFeedback stored = feedback.log(request.entry(), scope);
			return ResponseEntity.created(location(stored)).body(FeedbackResource.of(stored));
		}
		catch (InvalidFeedbackException ex) {
			throw everyViolation(request, ex.violations());
		}
		catch (DuplicateFeedbackException ex) {
			if (!scope.includes(ex.existing().customerSegment())) {
				// stored already, for a customer this user does not see: nothing about it
				// is shown
				return ResponseEntity.status(HttpStatus.CONFLICT).build();
			}
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.location(location(ex.existing()))
				.body(FeedbackResource.of(ex.existing()));
		}
	}

	@GetMapping
	@Operation(summary = "List feedback entries, newest first", responses = @ApiResponse(responseCode = "200",
			content = @Content(schema = @Schema(implementation = FeedbackResource.Page.class))))
	FeedbackResource.Page list(@Parameter(
			description = "received at or after: an instant, a local date-time or a date (business time zone)") @RequestParam(
					required = false) String from,
			@Parameter(description = "received before this instant; a date includes that whole day") @RequestParam(
					required = false) String to,
			@Parameter(description = "the customer's exact reference") @RequestParam(
					required = false) String customerRef,
			@Parameter(description = "page number, from 0") @RequestParam(required = false) String page, @Parameter(
					description = "entries per page, 1–100 (default 25)") @RequestParam(required = false) String size,
			@Parameter(hidden = true) SegmentScope scope) {
		List<Violation> violations = new ArrayList<>();
		Instant fromInstant = instant(from, "from", false, violations);
		Instant toInstant = instant(to, "to", true, violations);
		int pageNumber = number(page, "page", 0, 0, Integer.MAX_VALUE, violations);
		int pageSize = number(size, "size", 25, 1, MAX_PAGE_SIZE, violations);
		if (customerRef != null && customerRef.length() > Customer.MAX_REFERENCE) {
			violations.add(new Violation("customerRef", "feedback.rule.tooLong", Customer.MAX_REFERENCE,
					customerRef.length()));
		}
		if (!violations.isEmpty()) {
			throw new InvalidQueryException(violations);
		}
		FeedbackFilter filter = new FeedbackFilter(fromInstant, toInstant, null, null, false, null, customerRef, null,
				null)
			.within(scope);
		return FeedbackResource.Page.of(feedback.search(filter, pageNumber, pageSize));
	}

	@GetMapping("/{id}")
	@Operation(summary = "One feedback entry")
	FeedbackResource get(@PathVariable long id, @Parameter(hidden = true) SegmentScope scope) {
		return FeedbackResource.of(feedback.get(id, scope));
	}

	/**
	 * Every problem of a request at once: the fields that could not be read (each once,
	 * for why it could not be read), then every rule the entry breaks, then what storing
	 * found ({@code found}, e.g. a customer outside the user's segments).
	 */
	private InvalidFeedbackException everyViolation(FeedbackRequestReader.Result request, List<Violation> found) {
		List<Violation> violations = new ArrayList<>(request.violations());
		List<Violation> rules = new ArrayList<>(feedback.check(request.entry()));
		rules.addAll(found);
		for (Violation rule : rules) {
			if (violations.stream()
				.noneMatch(known -> known.equals(rule)
						|| request.violations().stream().anyMatch(unread -> unread.field().equals(rule.field())))) {
				violations.add(rule);
			}
		}
		return new InvalidFeedbackException(violations);
	}

	private Instant instant(String text, String field, boolean endOfDay, List<Violation> violations) {
		if (text == null || text.isBlank()) {
			return null;
		}
		Optional<Instant> instant = ReceivedAt.parse(text, zone);
		if (instant.isEmpty()) {
			violations.add(new Violation(field, "feedback.api.receivedAt"));
			return null;
		}
		boolean dateOnly = text.strip().length() <= 10;
		return endOfDay && dateOnly ? instant.get().atZone(zone).plusDays(1).toInstant() : instant.get();
	}

	private static int number(String text, String field, int fallback, int min, int max, List<Violation> violations) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		violations.add(new Violation(field, "feedback.api.range", min, max));
		return fallback;
	}

	/** Query parameters of the list that cannot be used. */
	static class InvalidQueryException extends RuntimeException {

		private final List<Violation> violations;

		InvalidQueryException(List<Violation> violations) {
			super("invalid query: " + violations);
			this.violations = List.copyOf(violations);
		}

		List<Violation> violations() {
			return violations;
		}

	}

	private static URI location(StoredFeedback entry) {
		return URI.create("/api/v1/feedback/" + entry.id());
	}

}
