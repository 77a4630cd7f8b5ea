package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.List;

import io.shinrai.feedback.Signal;

/**
 * SQL that scores straight from feedback rows with any half-life and severities (no sums needed): for the policy
 * preview, and as the exact fallback before the first basis is built.
 */
final class RawSql {

	private RawSql() {
	}

	/**
	 * Points ({@code wp_<signal><suffix>}) and base weight ({@code w_<signal><suffix>}) of every signal of row
	 * {@code f}, with incident severities from the jsonb expression {@code incidentWeights} (shaped as
	 * {@link PolicyJson#incidentWeights}).
	 */
	static String observationColumns(String incidentWeights, String suffix) {
		List<String> columns = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			String rating = "f.rating_" + signal.key();
			columns.add("coalesce(25 * (" + rating + " - 1), 0)::float8 as wp_" + signal.key() + suffix);
			columns.add("(" + rating + " is not null)::int + (select coalesce(sum((" + incidentWeights + " -> '"
					+ signal.key() + "' ->> t)::float8), 0) from unnest(f.incident_types) t) as w_" + signal.key()
					+ suffix);
		}
		return String.join(", ", columns);
	}

	/**
	 * A lateral subquery giving {@code g} = 2^(−age/H) of row {@code f} as of the epoch seconds {@code :epoch}
	 * (0 where it would underflow a double).
	 */
	static String decay(String halfLife) {
		return "select case when x > 1070 then 0::float8 else power(2::float8, -x) end as g"
				+ " from (select (:epoch - extract(epoch from f.received_at)::float8) / 86400 / " + halfLife + " as x) age";
	}

	/** {@code sum(<g>.g * wp_<signal><suffix>) as <prefix>wp_<signal>, ...} */
	static String summed(String g, String suffix, String prefix) {
		return SumColumns.join("sum(" + g + ".g * %1$s" + suffix + ") as " + prefix + "%1$s");
	}

}
