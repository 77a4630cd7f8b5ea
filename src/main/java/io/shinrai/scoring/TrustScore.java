package io.shinrai.scoring;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

import io.shinrai.feedback.Signal;

/**
 * A scope's trust as of an instant. {@code trust} and {@code band} are {@code null} when
 * there is no data; {@code signals} always holds all five signals in their canonical
 * order.
 */
public record TrustScore(Double trust, Band band, double evidence, Map<Signal, SignalScore> signals) {

	public TrustScore {
		Map<Signal, SignalScore> copy = new EnumMap<>(Signal.class);
		copy.putAll(signals);
		signals = Collections.unmodifiableMap(copy);
	}

	public boolean hasData() {
		return trust != null;
	}

	public SignalScore signal(Signal signal) {
		return signals.get(signal);
	}

}
