package io.shinrai.scoring;

import java.time.Instant;

/**
 * A scope's or a customer's trust as of one instant of a trend; {@code trust} and
 * {@code band} null for no data.
 */
public record TrendPoint(Instant at, Double trust, Band band) {

	static TrendPoint of(Instant at, TrustScore score) {
		return new TrendPoint(at, score.trust(), score.band());
	}

}
