package io.shinrai.scoring;

import java.time.Instant;

/**
 * A customer in the list with its trust ({@code null}: no data yet), band, status and
 * newest feedback as of the list's instant.
 */
public record RankedCustomer(long id, String reference, String name, String segment, Double trust, Band band,
		CustomerStatus status, long negativeCount, Instant lastFeedbackAt) {
}
