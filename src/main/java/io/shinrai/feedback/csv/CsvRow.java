package io.shinrai.feedback.csv;

import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * One data row of a CSV file, its cells read into values but not yet validated as
 * feedback. {@code null} means "not given" (an empty cell).
 */
record CsvRow(long line, String externalId, String customerRef, String customerName, String segment, Instant receivedAt,
		Channel channel, Category category, Map<Signal, Integer> ratings, Integer nps, Integer csat, Integer ces,
		SortedSet<IncidentType> incidents, String comment) {

}
