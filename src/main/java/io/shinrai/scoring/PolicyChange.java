package io.shinrai.scoring;

import java.util.List;

/**
 * A version in the policy history with what it changed against the version before it
 * (empty for version 1 and for a re-activation that changed nothing). {@code active}
 * marks the active version.
 */
public record PolicyChange(PolicyVersion version, boolean active, List<FieldChange> changes) {

	public PolicyChange {
		changes = List.copyOf(changes);
	}

	/** One changed field, named as in {@link PolicyFieldError#field()}. */
	public record FieldChange(String field, double before, double after) {
	}

}
