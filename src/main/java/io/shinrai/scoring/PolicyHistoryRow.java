package io.shinrai.scoring;

import java.util.List;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/** One version in the policy history with its changes labelled by message keys. */
record PolicyHistoryRow(PolicyVersion version, boolean active, List<Change> changes) {

	static PolicyHistoryRow of(PolicyChange change) {
		return new PolicyHistoryRow(change.version(), change.active(),
				change.changes().stream().map(Change::of).toList());
	}

	/**
	 * One changed field: {@code groupKey} names the group for weights and severities (the
	 * signal or incident type is then {@code labelKey}), else it is {@code null} and
	 * {@code labelKey} names the field.
	 */
	record Change(String groupKey, String labelKey, double before, double after) {

		static Change of(PolicyChange.FieldChange change) {
			String field = change.field();
			if (field.startsWith("weights.")) {
				return new Change("policy.history.weight",
						"Signal." + Signal.fromKey(field.substring("weights.".length())).name(), change.before(),
						change.after());
			}
			if (field.startsWith("severities.")) {
				return new Change("policy.history.severity",
						"IncidentType." + IncidentType.valueOf(field.substring("severities.".length())).name(),
						change.before(), change.after());
			}
			return new Change(null, "policy.field." + field, change.before(), change.after());
		}

	}

}
