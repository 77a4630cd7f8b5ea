package io.shinrai.scoring;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/** One feedback entry of a customer as its page shows it (timeline, negative entries). */
public record CustomerEntry(long feedbackId, Instant receivedAt, Channel channel, Category category,
		Map<Signal, Integer> ratings, Integer nps, Integer csat, Integer ces, List<IncidentType> incidents,
		String comment, boolean negative) {

	public CustomerEntry {
		Map<Signal, Integer> copy = new EnumMap<>(Signal.class);
		copy.putAll(ratings);
		ratings = Collections.unmodifiableMap(copy);
		incidents = List.copyOf(incidents);
	}

	FeedbackFacts facts() {
		return new FeedbackFacts(receivedAt, ratings, incidents, nps, csat, ces);
	}

}
