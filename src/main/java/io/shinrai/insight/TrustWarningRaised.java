package io.shinrai.insight;

import java.time.Instant;
import java.util.List;

/**
 * The weekly check found a scope whose trust is falling beyond its usual variation (see
 * {@link TrustDropRule}). Published once per scope and week, inside the transaction that
 * records the warning.
 *
 * @param scopeKind {@code COMPANY}, {@code SEGMENT} or {@code CHANNEL}
 * @param scopeValue the segment's name or the channel's code ({@code ""} for the company)
 * @param from the start of the recent weeks
 * @param to the end of the recent weeks (the check's week end)
 * @param drop trust points lost from {@code from} to {@code to}
 * @param fallingSignals the signals whose score fell, most first ({@code consistency},
 * ...)
 * @param themes the terms most characteristic of the scope's negative entries over the
 * recent weeks
 */
public record TrustWarningRaised(long warningId, String scopeKind, String scopeValue, Instant from, Instant to,
		double trustBefore, double trustAfter, double drop, List<String> fallingSignals, List<String> themes) {
}
