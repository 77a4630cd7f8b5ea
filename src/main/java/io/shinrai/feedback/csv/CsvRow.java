package io.shinrai.feedback.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedSet;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * One data row of a CSV file, its cells read into values but not yet validated as feedback. {@code null} means "not
 * given" (an empty cell).
 */
record CsvRow(long line, String externalId, String customerRef, String customerName, String segment,
		Instant receivedAt, Channel channel, Category category, Map<Signal, Integer> ratings, Integer nps,
		Integer csat, Integer ces, SortedSet<IncidentType> incidents, String comment) {

	private static final char SEPARATOR = '\u001F';

	/**
	 * The key that makes re-importing a row without {@code external_id} import nothing: SHA-256 (hex) over the customer
	 * reference, the received instant and every content cell (channel, category, the five ratings, NPS, CSAT, CES,
	 * incidents in a fixed order, comment) as read. The customer's name and segment are not part of it: they describe
	 * the customer, not the interaction, and may change in the CRM between two exports.
	 */
	String rowHash() {
		StringBuilder text = new StringBuilder("shinrai-row-v1");
		append(text, customerRef);
		append(text, receivedAt == null ? null : receivedAt.toString());
		append(text, channel == null ? null : channel.name());
		append(text, category == null ? null : category.name());
		for (Signal signal : Signal.values()) {
			append(text, ratings.get(signal));
		}
		append(text, nps);
		append(text, csat);
		append(text, ces);
		append(text, String.join(";", incidents.stream().map(Enum::name).toList()));
		append(text, comment);
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	private static void append(StringBuilder text, Object value) {
		text.append(SEPARATOR).append(value == null ? "" : value.toString());
	}

}
