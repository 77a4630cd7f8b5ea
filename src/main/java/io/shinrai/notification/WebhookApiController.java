package io.shinrai.notification;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.system.NotFoundException;

/**
 * {@code /api/v1/webhooks} for admins: list, register (the secret is generated when not
 * given and returned), delete. Errors as {@code application/problem+json} with per-field
 * {@code errors}.
 */
@RestController
@RequestMapping("/api/v1/webhooks")
class WebhookApiController {

	private final WebhookEndpoints endpoints;

	private final MessageSource messages;

	WebhookApiController(WebhookEndpoints endpoints, MessageSource messages) {
		this.endpoints = endpoints;
		this.messages = messages;
	}

	@GetMapping
	List<WebhookResource> list() {
		return endpoints.list().stream().map(WebhookResource::of).toList();
	}

	@PostMapping
	ResponseEntity<WebhookResource> create(@RequestBody WebhookRequest request, Principal principal) {
		WebhookEndpoint created = endpoints.create(request.url(),
				request.events() == null ? Set.of() : request.events(), request.secret(), request.format(),
				principal.getName());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(WebhookResource.of(created));
	}

	@DeleteMapping("/{id:\\d+}")
	ResponseEntity<Void> delete(@PathVariable long id, Principal principal) {
		endpoints.delete(id, principal.getName());
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ProblemDetail refused(WebhookRefused ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle(messages.getMessage("webhooks.api.invalid", null, locale));
		problem.setProperty("errors", Map.of(ex.field(), messages.getMessage(ex.key(), ex.args(), locale)));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(NotFoundException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.NOT_FOUND);
		problem.setTitle(messages.getMessage("webhooks.api.notFound", null, locale));
		return problem;
	}

	@ExceptionHandler
	ProblemDetail unreadable(org.springframework.http.converter.HttpMessageNotReadableException ex, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
		problem.setTitle(messages.getMessage("webhooks.api.invalid", null, locale));
		problem.setProperty("errors", Map.of("body", messages.getMessage("webhooks.api.unreadable", null, locale)));
		return problem;
	}

	/**
	 * @param format {@code JSON} (default) or {@code SLACK}
	 */
	record WebhookRequest(String url, Set<String> events, String secret, WebhookFormat format) {
	}

	record WebhookResource(long id, String url, List<String> events, String secret, WebhookFormat format,
			boolean enabled, Instant disabledAt, Instant createdAt, String createdBy) {

		static WebhookResource of(WebhookEndpoint endpoint) {
			return new WebhookResource(endpoint.id(), endpoint.url(), endpoint.events(), endpoint.secret(),
					endpoint.format(), endpoint.enabled(), endpoint.disabledAt(), endpoint.createdAt(),
					endpoint.createdBy());
		}

	}

}
