package io.shinrai.scoring;

import java.time.Instant;
import java.util.List;

/**
 * Customers' status (OK, WATCH, AT_RISK as of now) changed, published in the transaction
 * that changed it: by new or corrected feedback (one event per feedback event, so per
 * import batch) or by time passing (the hourly review of customers that are not OK). Only
 * real changes are in it: a status is compared with the one last announced.
 *
 * @param importId the CSV import whose batch caused the changes; {@code null} otherwise
 */
public record CustomerStatusChanged(List<Change> changes, Long importId, Instant at) {

	public record Change(long customerId, CustomerStatus from, CustomerStatus to, long negativeCount) {
	}

}
