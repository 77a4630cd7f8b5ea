package io.shinrai.scoring;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.shinrai.feedback.Signal;

/**
 * The API's shape of a trust score (README.md "API"): {@code trust} and {@code band} null
 * without data, full double precision, the five signals keyed and ordered as in
 * docs/scoring.md. {@code status} and {@code negativeCount} belong to customers and are
 * null for scopes; {@code nps}, {@code csat}, {@code ces} and their response counts
 * belong to scopes (over the risk window ending at {@code asOf}) and are left out for
 * customers.
 */
final class TrustJson {

	private TrustJson() {
	}

	static Map<String, Object> customer(String reference, Instant asOf, int policyVersion, CustomerTrust trust) {
		Map<String, Object> json = common(asOf, policyVersion, trust.score());
		json.put("status", trust.status().name());
		json.put("negativeCount", trust.negativeCount());
		json.put("signals", signals(trust.score()));
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("customerRef", reference);
		result.putAll(json);
		return result;
	}

	static Map<String, Object> scope(Scope scope, Instant asOf, int policyVersion, ScopeTrust trust) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("segment", scope.segment());
		json.put("channel", scope.channel() == null ? null : scope.channel().name());
		json.putAll(common(asOf, policyVersion, trust.score()));
		json.put("status", null);
		json.put("negativeCount", null);
		json.put("signals", signals(trust.score()));
		SatisfactionMetrics s = trust.satisfaction();
		json.put("nps", s.nps());
		json.put("npsResponses", s.npsResponses());
		json.put("csat", s.csat());
		json.put("csatResponses", s.csatResponses());
		json.put("ces", s.ces());
		json.put("cesResponses", s.cesResponses());
		return json;
	}

	private static Map<String, Object> common(Instant asOf, int policyVersion, TrustScore score) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("asOf", asOf.toString());
		json.put("policyVersion", policyVersion);
		json.put("trust", score.trust());
		json.put("band", score.band() == null ? null : score.band().name());
		json.put("evidence", score.evidence());
		return json;
	}

	private static Map<String, Object> signals(TrustScore score) {
		Map<String, Object> signals = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			Map<String, Object> one = new LinkedHashMap<>();
			one.put("score", score.signal(signal).score());
			one.put("evidence", score.signal(signal).evidence());
			signals.put(signal.key(), one);
		}
		return signals;
	}

}
