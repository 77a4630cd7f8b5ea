package io.shinrai.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

import io.shinrai.feedback.Channel;

/**
 * Trust per segment (by name) and per channel (in channel order), each only where there
 * is data.
 */
public record ScopeBreakdown(Map<String, TrustScore> bySegment, Map<Channel, TrustScore> byChannel) {

	public ScopeBreakdown {
		bySegment = Collections.unmodifiableMap(new TreeMap<>(bySegment));
		Map<Channel, TrustScore> channels = new EnumMap<>(Channel.class);
		channels.putAll(byChannel);
		byChannel = Collections.unmodifiableMap(channels);
	}

}
