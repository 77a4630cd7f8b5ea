package io.shinrai.scoring;

/**
 * A scope's pooled trust as of an instant, with NPS, CSAT and CES over the risk window
 * ending then.
 */
public record ScopeTrust(TrustScore score, SatisfactionMetrics satisfaction) {
}
