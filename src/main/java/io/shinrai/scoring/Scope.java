package io.shinrai.scoring;

import io.shinrai.feedback.Channel;

/**
 * Whose observations are pooled: everything, one segment, one channel, or both. {@code null} means "all".
 */
public record Scope(String segment, Channel channel) {

	public static Scope company() {
		return new Scope(null, null);
	}

}
