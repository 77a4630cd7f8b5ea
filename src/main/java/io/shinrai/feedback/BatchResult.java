package io.shinrai.feedback;

import java.util.List;

/**
 * What {@link FeedbackLog#logBatch} did with each entry of a batch. Indexes refer to
 * positions in the list given.
 *
 * @param stored the entries stored, in input order
 * @param storedIndexes the input positions of {@code stored}, in the same order
 * @param skippedIndexes entries not stored because the same external id or row hash is
 * stored already
 * @param rejected entries not stored because they break a rule (e.g. an unknown customer
 * without a name)
 */
public record BatchResult(List<FeedbackLogged.Entry> stored, List<Integer> storedIndexes, List<Integer> skippedIndexes,
		List<Rejected> rejected) {

	public BatchResult {
		stored = List.copyOf(stored);
		storedIndexes = List.copyOf(storedIndexes);
		skippedIndexes = List.copyOf(skippedIndexes);
		rejected = List.copyOf(rejected);
	}

	public int storedCount() {
		return stored.size();
	}

	public int skippedCount() {
		return skippedIndexes.size();
	}

	public int rejectedCount() {
		return rejected.size();
	}

	/** An entry of the batch that was not stored, with the rules it breaks. */
	public record Rejected(int index, List<Violation> violations) {

		public Rejected {
			violations = List.copyOf(violations);
		}

	}

}
