package io.shinrai.feedback.csv;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;

/**
 * The key that makes re-importing a row without {@code external_id} import nothing:
 * SHA-256 (hex) over the entry as it is stored — customer reference, received instant
 * (microseconds, as stored) and every content field (channel, category, the five ratings,
 * NPS, CSAT, CES, incident types in a fixed order, comment). The customer's name and
 * segment are left out: they describe the customer, not the interaction, and may change
 * in the CRM between two exports. Computed from the stored values, an entry's export
 * hashes to the same key as its original row.
 */
final class RowHash {

	private static final char SEPARATOR = '\u001F';

	private RowHash() {
	}

	static String of(NewFeedback entry) {
		StringBuilder text = new StringBuilder("shinrai-row-v1");
		append(text, entry.customerRef());
		append(text, entry.receivedAt());
		append(text, entry.channel());
		append(text, entry.category());
		for (Signal signal : Signal.values()) {
			append(text, entry.ratings().get(signal));
		}
		append(text, entry.nps());
		append(text, entry.csat());
		append(text, entry.ces());
		append(text, String.join(";", entry.incidents().keySet().stream().map(Enum::name).toList()));
		append(text, entry.comment());
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
