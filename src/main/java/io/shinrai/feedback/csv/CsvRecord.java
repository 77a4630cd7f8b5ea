package io.shinrai.feedback.csv;

import java.util.List;

/**
 * One record of a CSV file as the reader found it.
 *
 * @param line the physical line of the file on which the record starts (1-based; quoted
 * line breaks counted)
 * @param cells the cells, unquoted; empty when the record was too long to keep
 * @param problem what was wrong with the record's syntax, or {@code null}
 */
record CsvRecord(long line, List<String> cells, Problem problem) {

	enum Problem {

		/**
		 * Longer than the reader's limit: its cells were dropped while reading, memory
		 * stays bounded.
		 */
		TOO_LONG,
		/**
		 * A quoted cell was never closed: the rest of the file was read as this one
		 * record.
		 */
		UNTERMINATED_QUOTE

	}

	/**
	 * A record of one empty cell (an empty line) or only empty cells (a line of commas,
	 * as spreadsheets write).
	 */
	boolean isBlank() {
		return problem == null && cells.stream().allMatch(String::isBlank);
	}

}
