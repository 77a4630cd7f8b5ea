package io.shinrai.survey;

import java.util.EnumMap;
import java.util.Map;

import io.shinrai.feedback.Signal;

/**
 * What the customer answered: a 1–5 rating per signal, NPS 0–10, CSAT 1–5, CES 1–7 and a
 * comment, each optional ({@code null} or no key), but at least one rating or score.
 */
public record SurveyAnswer(Map<Signal, Integer> ratings, Integer nps, Integer csat, Integer ces, String comment) {

	public SurveyAnswer {
		EnumMap<Signal, Integer> given = new EnumMap<>(Signal.class);
		if (ratings != null) {
			ratings.forEach((signal, rating) -> {
				if (signal != null && rating != null) {
					given.put(signal, rating);
				}
			});
		}
		ratings = given;
	}

	boolean isEmpty() {
		return ratings.isEmpty() && nps == null && csat == null && ces == null;
	}

}
