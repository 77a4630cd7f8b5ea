package io.shinrai.feedback.csv;

import java.util.List;

/**
 * Stores the rows of one batch as feedback, inside the caller's transaction: validates
 * them with the feedback rules and writes the valid ones in bulk, skipping those already
 * imported.
 */
interface ImportBatchWriter {

	Written write(List<CsvRowMapper.Result> rows, long importId, String actor);

	/**
	 * The rejected rows to keep, with the cells of those that name an erased customer or
	 * entry left out.
	 */
	default List<Rejection> withoutErasedData(List<Rejection> rejected) {
		return rejected;
	}

	/**
	 * @param imported rows stored now
	 * @param skipped rows already stored before (same external_id or row hash)
	 * @param rejected rows the feedback rules refused
	 */
	record Written(int imported, int skipped, List<Rejection> rejected) {
	}

}
