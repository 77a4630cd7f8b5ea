package io.shinrai.recovery;

import java.time.Duration;
import java.time.Instant;

/**
 * How recovery is going, as of {@code asOf}; see {@link RecoveryMeasures} for the exact
 * definitions.
 *
 * @param medianTimeToAcknowledge {@code null} when no case was acknowledged in the window
 * @param medianTimeToResolve {@code null} when no case was resolved in the window
 * @param recoveryRate a share between 0 and 1
 * ({@code recoveredCustomers / resolvedCustomers}); {@code null} when no customer had a
 * case resolved in the window
 * @param resolvedCases cases resolved in the window (and not reopened since)
 * @param confirmedCases of those, the cases the customer confirmed on a survey link
 * @param confirmedShare {@code confirmedCases / resolvedCases}; {@code null} when no case
 * was resolved in the window
 * @param medianTimeToConfirmation from resolution to the customer's confirmation, over
 * the cases confirmed in the window; {@code null} when none was
 */
public record RecoveryMeasurement(Instant asOf, long openCases, long overdueCases, Duration medianTimeToAcknowledge,
		Duration medianTimeToResolve, long resolvedCustomers, long recoveredCustomers, Double recoveryRate,
		long resolvedCases, long confirmedCases, Double confirmedShare, Duration medianTimeToConfirmation) {

	/**
	 * The window over which times and the recovery rate are measured, ending at
	 * {@code asOf}.
	 */
	public static final Duration WINDOW = Duration.ofDays(90);

	/** The recovery rate in percent, or {@code null}. */
	public Double recoveryRatePercent() {
		return recoveryRate == null ? null : recoveryRate * 100;
	}

	/**
	 * The share of resolved cases confirmed by the customer in percent, or {@code null}.
	 */
	public Double confirmedSharePercent() {
		return confirmedShare == null ? null : confirmedShare * 100;
	}

	/**
	 * Median time from resolution to the customer's confirmation in hours, or
	 * {@code null}.
	 */
	public Double medianHoursToConfirmation() {
		return hours(medianTimeToConfirmation);
	}

	/** Median time to acknowledge in hours, or {@code null}. */
	public Double medianHoursToAcknowledge() {
		return hours(medianTimeToAcknowledge);
	}

	/** Median time to resolve in hours, or {@code null}. */
	public Double medianHoursToResolve() {
		return hours(medianTimeToResolve);
	}

	private static Double hours(Duration duration) {
		return duration == null ? null : duration.toMillis() / 3_600_000.0;
	}

}
