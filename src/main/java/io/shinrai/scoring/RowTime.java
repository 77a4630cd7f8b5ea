package io.shinrai.scoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants as feedback rows hold them (microseconds) and as SQL parameters take them. */
final class RowTime {

	private RowTime() {
	}

	/**
	 * Rows hold microseconds: t ≤ T and t > T' hold exactly when they hold for T and T'
	 * truncated to microseconds.
	 */
	static Instant micros(Instant at) {
		return at.truncatedTo(ChronoUnit.MICROS);
	}

	static OffsetDateTime timestamp(Instant at) {
		return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
	}

	static double secondsOf(Instant at) {
		return at.getEpochSecond() + at.getNano() / 1e9;
	}

	/**
	 * The first instant a row can hold after {@code at}: rows hold microseconds, so t ≤
	 * at exactly when t < this.
	 */
	static Instant justAfter(Instant at) {
		return micros(at).plus(1, ChronoUnit.MICROS);
	}

	/**
	 * The first instant a row can hold at or after {@code at}: t ≥ at exactly when t ≥
	 * this.
	 */
	static Instant atOrAfter(Instant at) {
		Instant truncated = micros(at);
		return truncated.equals(at) ? at : truncated.plus(1, ChronoUnit.MICROS);
	}

}
