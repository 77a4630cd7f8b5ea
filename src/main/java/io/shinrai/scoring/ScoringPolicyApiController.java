package io.shinrai.scoring;

import java.net.URI;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The scoring policy over the API: read the active version (STAFF and up), activate a new
 * one (ADMIN). A save based on a version that is no longer active is refused with 409, so
 * two admins never overwrite each other silently.
 */
@RestController
class ScoringPolicyApiController {

	private final ScoringPolicies policies;

	ScoringPolicyApiController(ScoringPolicies policies) {
		this.policies = policies;
	}

	@GetMapping("/api/v1/scoring-policy")
	Map<String, Object> showActivePolicy() {
		return json(policies.active());
	}

	@PostMapping("/api/v1/scoring-policy")
	ResponseEntity<Map<String, Object>> activatePolicy(@RequestBody Map<String, Object> body, Principal principal) {
		PolicyRequest request = new PolicyRequest(body);
		ScoringPolicy draft = request.toPolicy();
		PolicyVersion activated = policies.activate(draft, request.reason(), request.basedOnVersion(),
				principal.getName());
		return ResponseEntity.created(URI.create("/api/v1/scoring-policy")).body(json(activated));
	}

	private Map<String, Object> json(PolicyVersion version) {
		ScoringPolicy p = version.policy();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("version", version.version());
		json.put("activatedAt", version.activatedAt().toString());
		json.put("activatedBy", version.activatedBy());
		json.put("reason", version.reason());
		json.put("copiedFrom", version.copiedFrom());
		Map<String, Integer> weights = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			weights.put(signal.key(), p.weight(signal));
		}
		json.put("weights", weights);
		Map<String, Integer> severities = new LinkedHashMap<>();
		for (IncidentType type : IncidentType.values()) {
			severities.put(type.name(), p.severity(type));
		}
		json.put("severities", severities);
		for (PolicyField field : PolicyField.values()) {
			double value = p.value(field);
			json.put(field.key(), field.whole() ? (Object) (int) value : (Object) value);
		}
		json.put("servingVersion", policies.serving().version());
		json.put("recomputation",
				policies.recomputationStatus()
					.filter(RecomputationStatus::running)
					.map(status -> Map.of("policyVersion", status.policyVersion(), "done", status.done(), "total",
							status.total(), "percent", status.percent()))
					.orElse(null));
		return json;
	}

}
