package io.shinrai.scoring;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What activating a draft would change, as of {@code asOf}: the company's trust and
 * signals, how many customers fall in each band (and how many have no data) and in each
 * status, under the active version and under the draft, and the customers whose trust
 * moves most.
 */
public record PolicyPreview(Instant asOf, int activeVersion, Side active, Side draft, List<ScoreMove> biggestMoves) {

	public PolicyPreview {
		biggestMoves = List.copyOf(biggestMoves);
	}

	/** One policy's view of the data. */
	public record Side(TrustScore company, Map<Band, Long> customersByBand, long customersWithoutData,
			Map<CustomerStatus, Long> customersByStatus) {

		public Side {
			Map<Band, Long> bands = new EnumMap<>(Band.class);
			for (Band band : Band.values()) {
				bands.put(band, customersByBand.getOrDefault(band, 0L));
			}
			customersByBand = Collections.unmodifiableMap(bands);
			Map<CustomerStatus, Long> statuses = new EnumMap<>(CustomerStatus.class);
			for (CustomerStatus status : CustomerStatus.values()) {
				statuses.put(status, customersByStatus.getOrDefault(status, 0L));
			}
			customersByStatus = Collections.unmodifiableMap(statuses);
		}

	}

	/**
	 * A customer's trust under the active version ({@code before}) and the draft
	 * ({@code after}).
	 */
	public record ScoreMove(long customerId, String reference, String name, Double before, Double after) {

		public double change() {
			return (before == null || after == null) ? 0 : after - before;
		}

	}

}
