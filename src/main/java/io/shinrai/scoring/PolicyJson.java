package io.shinrai.scoring;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The jsonb shapes of policy rows and bases: weights by signal key, severities by
 * incident type.
 */
final class PolicyJson {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Integer>> INT_MAP = new TypeReference<>() {
	};

	private PolicyJson() {
	}

	static String weights(Map<Signal, Integer> weights) {
		Map<String, Integer> json = new LinkedHashMap<>();
		weights.forEach((signal, weight) -> json.put(signal.key(), weight));
		return JSON.writeValueAsString(json);
	}

	static String severities(Map<IncidentType, Integer> severities) {
		Map<String, Integer> json = new LinkedHashMap<>();
		severities.forEach((type, severity) -> json.put(type.name(), severity));
		return JSON.writeValueAsString(json);
	}

	/**
	 * Severities grouped by the signal each incident type weighs on, as the sums' SQL
	 * reads them.
	 */
	static String incidentWeights(Map<IncidentType, Integer> severities) {
		Map<String, Map<String, Integer>> json = new LinkedHashMap<>();
		for (Signal signal : Signal.values()) {
			json.put(signal.key(), new LinkedHashMap<>());
		}
		severities.forEach((type, severity) -> json.get(type.signal().key()).put(type.name(), severity));
		return JSON.writeValueAsString(json);
	}

	static Map<Signal, Integer> readWeights(String json) {
		Map<Signal, Integer> weights = new EnumMap<>(Signal.class);
		JSON.readValue(json, INT_MAP).forEach((key, weight) -> weights.put(Signal.fromKey(key), weight));
		return weights;
	}

	static Map<IncidentType, Integer> readSeverities(String json) {
		Map<IncidentType, Integer> severities = new EnumMap<>(IncidentType.class);
		JSON.readValue(json, INT_MAP).forEach((type, severity) -> severities.put(IncidentType.valueOf(type), severity));
		return severities;
	}

}
