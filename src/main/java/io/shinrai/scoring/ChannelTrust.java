package io.shinrai.scoring;

import io.shinrai.feedback.Channel;

/**
 * The trust of one channel's entries in a period, for a segment or for one customer.
 *
 * @param customerId the customer, or {@code null} for a whole segment
 * @param entries the entries behind it
 */
public record ChannelTrust(Long customerId, String segment, Channel channel, long entries, TrustScore score) {
}
