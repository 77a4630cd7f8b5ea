package io.shinrai.scoring;

/**
 * A customer's trust as of an instant: the score and the status from its recent negative
 * entries.
 */
public record CustomerTrust(TrustScore score, CustomerStatus status, long negativeCount) {
}
