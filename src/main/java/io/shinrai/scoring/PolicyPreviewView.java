package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.List;

import io.shinrai.feedback.Signal;

/**
 * A {@link PolicyPreview} as the policy page shows it: rows of "active, draft,
 * difference" with message keys for their labels, so the template only formats.
 */
record PolicyPreviewView(PolicyPreview preview, List<ScoreRow> scores, List<CountRow> bands, List<CountRow> statuses,
		List<MoveRow> moves) {

	static PolicyPreviewView of(PolicyPreview preview) {
		TrustScore active = preview.active().company();
		TrustScore draft = preview.draft().company();
		List<ScoreRow> scores = new ArrayList<>();
		scores.add(new ScoreRow("policy.preview.companyTrust", active.trust(), draft.trust()));
		for (Signal signal : Signal.values()) {
			scores.add(new ScoreRow("Signal." + signal.name(), score(active, signal), score(draft, signal)));
		}
		List<CountRow> bands = new ArrayList<>();
		for (Band band : List.of(Band.HIGH, Band.MEDIUM, Band.LOW)) {
			bands.add(new CountRow("Band." + band.name(), preview.active().customersByBand().get(band),
					preview.draft().customersByBand().get(band)));
		}
		bands.add(new CountRow("policy.preview.noData", preview.active().customersWithoutData(),
				preview.draft().customersWithoutData()));
		List<CountRow> statuses = new ArrayList<>();
		for (CustomerStatus status : CustomerStatus.values()) {
			statuses.add(new CountRow("CustomerStatus." + status.name(),
					preview.active().customersByStatus().get(status), preview.draft().customersByStatus().get(status)));
		}
		List<MoveRow> moves = preview.biggestMoves()
			.stream()
			.map(m -> new MoveRow(m.customerId(), m.reference(), m.name(), m.before(), m.after()))
			.toList();
		return new PolicyPreviewView(preview, scores, bands, statuses, moves);
	}

	private static Double score(TrustScore trust, Signal signal) {
		SignalScore score = trust.signal(signal);
		return (score == null) ? null : score.score();
	}

	/**
	 * Rounds a difference to the one decimal shown, so that a tiny negative change never
	 * reads "-0.0".
	 */
	static Double difference(Double before, Double after) {
		if (before == null || after == null) {
			return null;
		}
		double rounded = Math.round((after - before) * 10) / 10.0;
		return (rounded == 0) ? 0.0 : rounded;
	}

	/** A score under the active version and the draft; {@code null} means no score. */
	record ScoreRow(String labelKey, Double before, Double after) {

		public Double change() {
			return difference(before, after);
		}

	}

	/** A customer whose trust moves, with a link target. */
	record MoveRow(long customerId, String reference, String name, Double before, Double after) {

		public Double change() {
			return difference(before, after);
		}

	}

	/** A number of customers under the active version and the draft. */
	record CountRow(String labelKey, long before, long after) {

		public long change() {
			return after - before;
		}

	}

}
