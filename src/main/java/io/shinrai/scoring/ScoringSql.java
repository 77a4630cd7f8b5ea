package io.shinrai.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.UnaryOperator;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Negativity;
import io.shinrai.feedback.Signal;
import io.shinrai.system.AdvisoryLocks;

/**
 * Every SQL fragment that scores: the points of a rating, the weights of incidents, the
 * satisfaction counts, a trust score, band and status from sums. Each is generated from
 * the Java definition it mirrors ({@link Observation}, {@link SatisfactionMetrics},
 * {@link Negativity}, {@link TrustCalculator}, {@link Band}, {@link CustomerStatus}), and
 * the database's view and functions ({@code R__scoring.sql}) receive theirs as Flyway
 * placeholders from {@link #placeholders()}, so the rule is written once
 * (docs/scoring.md).
 */
final class ScoringSql {

	/**
	 * The advisory lock that serialises the writers of the sums
	 * ({@link AdvisoryLocks#SCORING_SUMS}).
	 */
	static final long SUMS_LOCK = AdvisoryLocks.SCORING_SUMS;

	/**
	 * The names of the satisfaction counts, in the order of
	 * {@link SatisfactionMetrics#fromCounts}.
	 */
	static final String[] SATISFACTION_COUNTS = { "promoters", "detractors", "nps", "csat_top2", "csat", "ces_sum",
			"ces" };

	private ScoringSql() {
	}

	/** The points of a rating column: 25·(r − 1). */
	static String points(String rating) {
		return Observation.POINTS_PER_STEP + " * (" + rating + " - 1)";
	}

	/**
	 * Σ of the severities in the jsonb {@code incidentWeights} (shaped as
	 * {@link PolicyJson#incidentWeights}) of the incident types {@code t} on one signal.
	 */
	static String incidentWeight(String incidentWeights, Signal signal) {
		return "coalesce(sum((" + incidentWeights + " -> '" + signal.key() + "' ->> t)::float8), 0)";
	}

	/**
	 * The seven counts behind NPS, CSAT and CES ({@link #SATISFACTION_COUNTS}) of the
	 * rows, each preceded by {@code times}; {@code column} qualifies a column name.
	 */
	static String satisfactionCounts(UnaryOperator<String> column, String times) {
		List<String> counts = satisfactionCountExpressions(column);
		StringJoiner joined = new StringJoiner(", ");
		for (int i = 0; i < counts.size(); i++) {
			joined.add(times + counts.get(i) + " as " + SATISFACTION_COUNTS[i]);
		}
		return joined.toString();
	}

	/** {@link #satisfactionCounts}, unnamed. */
	static List<String> satisfactionCountExpressions(UnaryOperator<String> column) {
		String nps = column.apply("nps");
		String csat = column.apply("csat");
		String ces = column.apply("ces");
		return List.of("count(*) filter (where " + nps + " >= " + SatisfactionMetrics.NPS_PROMOTER_MIN + ")",
				"count(*) filter (where " + nps + " <= " + Negativity.NPS_DETRACTOR_MAX + ")", "count(" + nps + ")",
				"count(*) filter (where " + csat + " >= " + SatisfactionMetrics.CSAT_TOP_TWO_MIN + ")",
				"count(" + csat + ")", "coalesce(sum(" + ces + "), 0)", "count(" + ces + ")");
	}

	/** The column of the day sums counting the incidents of {@code type}. */
	static String incidentCount(IncidentType type) {
		return "incidents_" + type.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The counts each row of the day sums ({@code trust_daily_sums}), their company
	 * totals ({@code trust_daily_totals}) and monthly roll-ups
	 * ({@code trust_monthly_sums}) holds after the ten sums: entries, negative entries,
	 * the satisfaction counts (in the order of {@link #SATISFACTION_COUNTS}) and the
	 * incidents per type (in the order of {@link IncidentType}).
	 */
	static final List<String> DAY_COUNTS = dayCounts();

	private static List<String> dayCounts() {
		List<String> counts = new ArrayList<>(List.of("entries", "negatives", "nps_promoters", "nps_detractors",
				"nps_responses", "csat_top2", "csat_responses", "ces_sum", "ces_responses"));
		for (IncidentType type : IncidentType.values()) {
			counts.add(incidentCount(type));
		}
		return List.copyOf(counts);
	}

	/** Every value column of the day sums: the ten sums, then {@link #DAY_COUNTS}. */
	static String dayColumns() {
		return SumColumns.PLAIN + ", " + String.join(", ", DAY_COUNTS);
	}

	/**
	 * {@link #dayColumns} of the contributions of {@code f}, as the day sums count them,
	 * each named as its column.
	 */
	static String dayValues(UnaryOperator<String> column) {
		List<String> values = new ArrayList<>();
		values.add(SumColumns.join("sum(" + column.apply("%1$s") + ") as %1$s"));
		values.add("count(*) as entries");
		values.add("count(*) filter (where " + column.apply("negative") + ") as negatives");
		List<String> satisfaction = satisfactionCountExpressions(column);
		for (int i = 0; i < satisfaction.size(); i++) {
			values.add(satisfaction.get(i) + " as " + DAY_COUNTS.get(2 + i));
		}
		for (IncidentType type : IncidentType.values()) {
			values.add("sum(" + column.apply(incidentCount(type)) + ") as " + incidentCount(type));
		}
		return String.join(", ", values);
	}

	/** {@code pattern} applied to every value column of the day sums ({@code %1$s}). */
	static String dayColumns(String pattern) {
		StringJoiner joined = new StringJoiner(", ");
		joined.add(SumColumns.join(pattern));
		DAY_COUNTS.forEach(count -> joined.add(String.format(pattern, count)));
		return joined.toString();
	}

	/**
	 * How many incidents of each type the rows' incident types {@code t} hold, each named
	 * as its column of the day sums.
	 */
	static String incidentCounts(String t) {
		StringJoiner joined = new StringJoiner(", ");
		for (IncidentType type : IncidentType.values()) {
			joined.add("count(*) filter (where " + t + " = '" + type.name() + "') as " + incidentCount(type));
		}
		return joined.toString();
	}

	/**
	 * Points ({@code wp_<signal><suffix>}) and base weight ({@code w_<signal><suffix>})
	 * of every signal of row {@code f}, with incident severities from the jsonb
	 * expression {@code incidentWeights}: scoring straight from feedback rows with any
	 * half-life and severities, for the policy preview and before the first basis is
	 * built.
	 */
	static String observationColumns(String incidentWeights, String suffix) {
		List<String> columns = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			String rating = "f.rating_" + signal.key();
			columns.add("coalesce(" + points(rating) + ", 0)::float8 as wp_" + signal.key() + suffix);
			columns.add("(" + rating + " is not null)::int + (select " + incidentWeight(incidentWeights, signal)
					+ " from unnest(f.incident_types) t) as w_" + signal.key() + suffix);
		}
		return String.join(", ", columns);
	}

	/**
	 * A lateral subquery giving {@code g} = 2^(−age/H) of row {@code f} as of the epoch
	 * seconds {@code :epoch} (0 where it would underflow a double).
	 */
	static String decay(String halfLife) {
		return "select case when x > 1070 then 0::float8 else power(2::float8, -x) end as g"
				+ " from (select (:epoch - extract(epoch from f.received_at)::float8) / 86400 / " + halfLife
				+ " as x) age";
	}

	/** {@code sum(<g>.g * wp_<signal><suffix>) as <prefix>wp_<signal>, ...} */
	static String summed(String g, String suffix, String prefix) {
		return SumColumns.join("sum(" + g + ".g * %1$s" + suffix + ") as " + prefix + "%1$s");
	}

	/**
	 * A subquery (for a lateral join) giving {@code trust} from the row {@code s} of sums
	 * times the decay {@code :f}, with the policy as the parameters of
	 * {@link #trustParameters}; null without data. It is the arithmetic of
	 * {@link TrustCalculator#fromSums}, operation by operation, so both agree to the last
	 * bits, as one flat expression (no nested subqueries, which cost a plan node per
	 * customer): with a prior (m > 0) every signal has a score as soon as there is any
	 * evidence, so the denominator is the sum of all weights; without one, a signal
	 * counts only where it has evidence of its own.
	 */
	static String trust(ScoringPolicy policy) {
		List<String> evidence = new ArrayList<>();
		List<String> numerator = new ArrayList<>();
		List<String> denominator = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			String k = signal.key();
			String e = "(s.w_" + k + " * :f)";
			String p = "(s.wp_" + k + " * :f)";
			evidence.add(e);
			if (policy.priorStrength() > 0) {
				numerator.add(":weight_" + k + " * ((" + p + " + :m * :mu) / (" + e + " + :m))");
			}
			else {
				// with m = 0 an unobserved signal has no score and leaves both sums
				numerator.add("case when " + e + " > 0 then :weight_" + k + " * ((" + p + " + :m * :mu) / (" + e
						+ " + :m)) else 0 end");
				denominator.add("case when " + e + " > 0 then :weight_" + k + " else 0 end");
			}
		}
		String hasData = "(0 + " + String.join(" + ", evidence) + ") > 0";
		String weights = policy.priorStrength() > 0 ? ":weightSum"
				: "nullif(0 + " + String.join(" + ", denominator) + ", 0)";
		return "select case when " + hasData + " then (0 + " + String.join(" + ", numerator) + ") / " + weights
				+ " end as trust";
	}

	/** The parameters {@link #trust} reads, for the decay {@code f}. */
	static Map<String, Object> trustParameters(ScoringPolicy policy, double f) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("f", f);
		params.put("m", policy.priorStrength());
		params.put("mu", policy.priorMean());
		double weightSum = 0;
		for (Signal signal : Signal.values()) {
			params.put("weight_" + signal.key(), policy.weight(signal));
			weightSum += policy.weight(signal);
		}
		// a double, as TrustCalculator adds the weights up in a double
		params.put("weightSum", weightSum);
		return params;
	}

	/**
	 * {@link Band#of} of the column {@code trust} with the thresholds {@code :high} and
	 * {@code :low}.
	 */
	static String band(String trust) {
		return "case when " + trust + " is null then null when " + trust + " >= :high then '" + Band.HIGH + "' when "
				+ trust + " < :low then '" + Band.LOW + "' else '" + Band.MEDIUM + "' end";
	}

	/**
	 * {@link CustomerStatus#of} of the negative count {@code negatives} with
	 * {@code :atRisk}.
	 */
	static String status(String negatives) {
		return "case when " + negatives + " >= :atRisk then '" + CustomerStatus.AT_RISK + "' when " + negatives
				+ " >= 1 then '" + CustomerStatus.WATCH + "' else '" + CustomerStatus.OK + "' end";
	}

	/** What {@code R__scoring.sql} takes from here, by placeholder name. */
	static Map<String, String> placeholders() {
		Map<String, String> placeholders = new LinkedHashMap<>();
		placeholders.put("scoring_sums_lock", Long.toString(SUMS_LOCK));
		List<String> contribution = new ArrayList<>();
		List<String> incidents = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			String k = signal.key();
			contribution.add("d.g * coalesce(" + points("f.rating_" + k) + ", 0) as wp_" + k);
			contribution.add("d.g * ((f.rating_" + k + " is not null)::int + i." + k + ") as w_" + k);
			incidents.add(incidentWeight("b.incident_weights", signal) + " as " + k);
		}
		for (IncidentType type : IncidentType.values()) {
			contribution.add("i." + incidentCount(type));
		}
		incidents.add(incidentCounts("t"));
		placeholders.put("scoring_contribution_sums", String.join(",\n       ", contribution));
		placeholders.put("scoring_incident_weights", String.join(",\n           ", incidents));
		placeholders.put("scoring_summed_sums", SumColumns.join("sum(%1$s)"));
		placeholders.put("scoring_added_sums", SumColumns.join("%1$s = s.%1$s + excluded.%1$s"));
		placeholders.put("scoring_day_columns", dayColumns());
		placeholders.put("scoring_day_values", dayValues(column -> column));
		placeholders.put("scoring_day_summed", dayColumns("sum(%1$s) as %1$s"));
		placeholders.put("scoring_day_added", dayColumns("%1$s = s.%1$s + excluded.%1$s"));
		return placeholders;
	}

}
