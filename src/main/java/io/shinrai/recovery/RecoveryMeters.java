package io.shinrai.recovery;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import io.shinrai.system.SegmentScope;

/**
 * Open and overdue recovery cases as gauges
 * ({@code shinrai.recovery.cases{state=open|overdue}}), counted as the dashboard counts
 * them ({@link RecoveryMeasures#counts}). One statement serves both gauges of a scrape;
 * while the database is away they read NaN.
 */
@Component
class RecoveryMeters {

	private static final Duration FRESH = Duration.ofSeconds(5);

	private final RecoveryMeasures measures;

	private RecoveryMeasures.CaseCounts last;

	private long lastAt;

	RecoveryMeters(RecoveryMeasures measures, MeterRegistry meters) {
		this.measures = measures;
		gauge(meters, "open", "Recovery cases open or acknowledged", RecoveryMeasures.CaseCounts::open);
		gauge(meters, "overdue", "Open recovery cases past their acknowledgement due time",
				RecoveryMeasures.CaseCounts::overdue);
	}

	private void gauge(MeterRegistry meters, String state, String description,
			ToDoubleFunction<RecoveryMeasures.CaseCounts> value) {
		Gauge.builder("shinrai.recovery.cases", this, meter -> {
			RecoveryMeasures.CaseCounts counts = meter.counts();
			return counts == null ? Double.NaN : value.applyAsDouble(counts);
		}).description(description).tag("state", state).register(meters);
	}

	private synchronized RecoveryMeasures.CaseCounts counts() {
		long now = System.nanoTime();
		if (last == null || now - lastAt > FRESH.toNanos()) {
			try {
				last = measures.counts(SegmentScope.all());
				lastAt = now;
			}
			catch (RuntimeException ex) {
				// the database is away: no number rather than a stale one
				last = null;
			}
		}
		return last;
	}

}
