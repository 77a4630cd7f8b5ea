package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Where the precomputed sums of one half-life and set of severities live. Sums store each
 * observation with weight b·2^((t − landmark)/H); scoring as of T multiplies them by
 * {@link #decayTo(Instant) 2^(−(T − landmark)/H)}, which gives b·2^(−(T − t)/H) exactly
 * as docs/scoring.md defines it. Days of the daily sums are calendar days in
 * {@code zone}.
 */
record Basis(long id, double halfLifeDays, Instant landmark, ZoneId zone) {

	/**
	 * Half-lives from the landmark within which the sums neither overflow nor lose
	 * entries (see V10).
	 */
	private static final double SAFE_HALF_LIVES = 900;

	/**
	 * The factor that turns stored forward-decayed sums into weights as of {@code asOf}.
	 */
	double decayTo(Instant asOf) {
		return Math.pow(2, -halfLives(asOf));
	}

	/**
	 * Whether scoring as of {@code asOf} from these sums is exact; outside, readers use
	 * the raw rows.
	 */
	boolean covers(Instant asOf) {
		return Math.abs(halfLives(asOf)) <= SAFE_HALF_LIVES;
	}

	private double halfLives(Instant asOf) {
		Duration since = Duration.between(landmark, asOf);
		return (since.getSeconds() + since.getNano() / 1e9) / 86_400.0 / halfLifeDays;
	}

}
