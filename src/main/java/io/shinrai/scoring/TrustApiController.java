package io.shinrai.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.system.NotFoundException;
import io.shinrai.system.SegmentScope;

/**
 * Read-only trust API (STAFF and up): a customer's trust, and a segment's, a channel's or
 * the company's.
 */
@RestController
class TrustApiController {

	private final TrustScores scores;

	private final ScoringPolicies policies;

	private final CustomerDirectory customers;

	private final Clock clock;

	TrustApiController(TrustScores scores, ScoringPolicies policies, CustomerDirectory customers, Clock clock) {
		this.clock = clock;
		this.scores = scores;
		this.policies = policies;
		this.customers = customers;
	}

	@GetMapping("/api/v1/customers/{ref}/trust")
	Map<String, Object> customerTrust(@PathVariable String ref, @RequestParam(required = false) String asOf,
			SegmentScope within) {
		Instant at = ApiInstants.asOf(asOf, clock);
		Customer customer = customers.findByReference(ref, within)
			.orElseThrow(() -> new NotFoundException("customer " + ref));
		int version = policies.serving().version();
		return TrustJson.customer(customer.getReference(), at, version, scores.forCustomer(customer.getId(), at));
	}

	@GetMapping("/api/v1/trust")
	Map<String, Object> scopeTrust(@RequestParam(required = false) String asOf,
			@RequestParam(required = false) String segment, @RequestParam(required = false) String channel,
			SegmentScope within) {
		Instant at = ApiInstants.asOf(asOf, clock);
		// a user limited to some segments gets their trust; a segment outside them has no
		// data
		Scope scope = new Scope((segment == null || segment.isEmpty()) ? null : segment, ApiInstants.channel(channel),
				within);
		int version = policies.serving().version();
		return TrustJson.scope(scope, at, version, scores.forScope(scope, at));
	}

}
