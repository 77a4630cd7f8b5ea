package io.shinrai.scoring;

import java.time.Instant;

import io.shinrai.feedback.Channel;

/**
 * A scope's trust fell by at least the configured number of points over the last seven
 * days. Published once per scope and drop by the trust watch (a scope is announced again
 * only after its drop went back under the threshold); other modules that detect a drop
 * may publish it too.
 *
 * @param segment the segment, or {@code null} for the whole company or a channel
 * @param channel the channel, or {@code null} for the whole company or a segment
 * @param trustBefore the scope's trust seven days before {@code at}
 * @param trustAfter the scope's trust at {@code at}
 * @param thresholdPoints the drop that triggers an alert
 */
public record TrustDropped(String segment, Channel channel, double trustBefore, double trustAfter,
		double thresholdPoints, Instant at) {

	public Scope scope() {
		return new Scope(segment, channel);
	}

	public double drop() {
		return trustBefore - trustAfter;
	}

	static String key(Scope scope) {
		if (scope.segment() != null) {
			return "segment:" + scope.segment();
		}
		return scope.channel() != null ? "channel:" + scope.channel().name() : "company";
	}

}
