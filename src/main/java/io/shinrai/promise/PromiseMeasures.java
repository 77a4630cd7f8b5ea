package io.shinrai.promise;

/**
 * Promises as the dashboard and the customer page count them.
 *
 * @param dueSoon OPEN and due within the next {@code shinrai.promise.due-soon}
 * @param overdue OPEN past their due time (the job marks them broken within a minute)
 * @param broken broken in the period
 * @param kept kept in the period
 * @param keptRate {@code kept / (kept + broken)}, {@code null} when none was settled in
 * the period
 */
public record PromiseMeasures(long dueSoon, long overdue, long broken, long kept, Double keptRate) {

	public Double keptRatePercent() {
		return keptRate == null ? null : keptRate * 100;
	}

}
