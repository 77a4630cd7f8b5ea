package io.shinrai.recovery;

import java.util.List;

import io.shinrai.feedback.IncidentType;
import io.shinrai.scoring.Band;
import io.shinrai.scoring.CustomerStatus;

/**
 * One case on the board as triage needs it: the case, what happened (the incident types
 * of its entries, an excerpt of the newest comment), the customer's trust when the case
 * opened and now, and the case version the board shows (a bulk hand-over names it, so a
 * case changed since is refused).
 */
public record BoardRow(CaseSummary summary, List<IncidentType> incidents, String excerpt, Double trustAtOpening,
		Double trustNow, Band bandNow, CustomerStatus statusNow, long version) {

	/** How many characters of a comment the board shows. */
	static final int EXCERPT = 100;

	public BoardRow {
		incidents = List.copyOf(incidents);
	}

	/** Trust now minus trust at opening; {@code null} unless both exist. */
	public Double trustChange() {
		return (trustNow != null && trustAtOpening != null) ? trustNow - trustAtOpening : null;
	}

	static String excerpt(String comment) {
		if (comment == null || comment.isBlank()) {
			return null;
		}
		String text = comment.strip().replaceAll("\\s+", " ");
		return text.codePointCount(0, text.length()) <= EXCERPT ? text
				: text.substring(0, text.offsetByCodePoints(0, EXCERPT)) + "…";
	}

}
