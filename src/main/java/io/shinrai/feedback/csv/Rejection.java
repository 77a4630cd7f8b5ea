package io.shinrai.feedback.csv;

import java.util.List;

/**
 * A data row that was not stored: where it is in the file, why, and its cells as read.
 */
record Rejection(long line, List<Reason> reasons, List<String> cells) {

	Rejection {
		reasons = List.copyOf(reasons);
		cells = List.copyOf(cells);
	}

}
