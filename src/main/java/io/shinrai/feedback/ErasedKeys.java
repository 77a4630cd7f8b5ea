package io.shinrai.feedback;

import java.util.Collection;
import java.util.Set;

/**
 * What tells feedback capture that a customer or an entry was erased, so that a
 * re-imported file or a re-sent API body stores nothing of them (implemented by the
 * privacy module, which keeps salted hashes of the erased keys).
 */
public interface ErasedKeys {

	/**
	 * Waits for an erasure in progress and keeps new ones out until the caller's
	 * transaction ends, then answers which of the given customer references and entry
	 * keys (external ids, row hashes) belong to erased customers. Called inside every
	 * transaction that stores new entries, before their customers are looked up or
	 * created.
	 */
	Erased erased(Collection<String> customerReferences, Collection<String> entryKeys);

	/** The given references and entry keys that were erased. */
	record Erased(Set<String> customerReferences, Set<String> entryKeys) {

		public static final Erased NONE = new Erased(Set.of(), Set.of());

		public Erased {
			customerReferences = Set.copyOf(customerReferences);
			entryKeys = Set.copyOf(entryKeys);
		}

		public boolean contains(NewFeedback entry) {
			return (entry.customerRef() != null && customerReferences.contains(entry.customerRef()))
					|| (entry.externalId() != null && entryKeys.contains(entry.externalId()))
					|| (entry.rowHash() != null && entryKeys.contains(entry.rowHash()));
		}

	}

}
