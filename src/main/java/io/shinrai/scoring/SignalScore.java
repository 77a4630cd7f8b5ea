package io.shinrai.scoring;

import io.shinrai.feedback.Signal;

/**
 * The score of one signal ({@code null} when it has none) and its evidence E = Σ w, the
 * decayed weight behind it.
 */
public record SignalScore(Signal signal, Double score, double evidence) {

	public boolean hasScore() {
		return score != null;
	}

}
