package io.shinrai.insight;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.SignalScore;
import io.shinrai.scoring.TrustScore;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.BusinessTime;

/**
 * Key drivers: how strongly each of the five signal ratings and each incident type goes
 * with detractors and promoters among the entries with NPS, as Johnson's relative weights
 * ({@link RelativeWeights}) on correlations from pairwise complete entries (a rating that
 * was not given leaves that entry out of that rating's correlations only), combined with
 * the scope's current signal scores into a "fix first" order.
 */
@Service
@Transactional(readOnly = true)
public class Drivers {

	/** No analysis below this many entries with NPS. */
	public static final int MIN_ENTRIES = 30;

	/**
	 * A factor is analysed only with this many entries behind it (rated, or having the
	 * incident).
	 */
	public static final int MIN_PER_FACTOR = 10;

	private static final int SIGNALS = Signal.values().length;

	private static final int INCIDENTS = IncidentType.values().length;

	private final JdbcClient jdbc;

	private final TrustScores trustScores;

	private final ZoneId zone;

	private final Clock clock;

	Drivers(JdbcClient jdbc, TrustScores trustScores, BusinessTime businessTime, Clock clock) {
		this.clock = clock;
		this.jdbc = jdbc;
		this.trustScores = trustScores;
		this.zone = businessTime.zone();
	}

	public enum Kind {

		SIGNAL, INCIDENT

	}

	/**
	 * One factor's association with the NPS outcome.
	 *
	 * @param factor the signal's key ({@code consistency}) or the incident type
	 * ({@code BROKEN_PROMISE})
	 * @param importance its relative weight for the entry's NPS group (promoter +1,
	 * passive 0, detractor −1): the share of that outcome's variance it accounts for
	 * @param share its part of all factors' importance (the analysed factors add up to 1)
	 * @param promoterSide whether more of it (a higher rating, having the incident) goes
	 * with promoters
	 * @param detractorImportance its relative weight for being a detractor
	 * @param promoterImportance its relative weight for being a promoter
	 * @param entries entries with NPS behind it: rated (signals) or having the incident
	 * @param score the scope's current signal score (signals only; {@code null} without
	 * data)
	 * @param fixFirst importance × gap, the gap being (100 − score) / 100 (signals with a
	 * score only)
	 */
	public record Driver(String factor, Kind kind, double importance, double share, boolean promoterSide,
			double detractorImportance, double promoterImportance, long entries, Double score, Double fixFirst) {

		public Signal signal() {
			return kind == Kind.SIGNAL ? Signal.fromKey(factor) : null;
		}

	}

	/** A factor left out for too few entries behind it. */
	public record Thin(String factor, Kind kind, long entries) {
	}

	/**
	 * @param entries entries with NPS in the period and scope
	 * @param enough whether there are at least {@link #MIN_ENTRIES} of them; without,
	 * nothing else is given
	 * @param rSquared the share of the NPS outcome's variance all analysed factors
	 * account for together
	 * @param drivers most important first
	 * @param fixFirst the signals by importance × gap, largest first
	 * @param lowestScore the signal with the lowest current score in the scope, or
	 * {@code null}
	 */
	public record DriverReport(InsightFilter filter, long entries, boolean enough, double rSquared,
			List<Driver> drivers, List<Driver> fixFirst, List<Thin> thin, Signal lowestScore) {

		public int minimumEntries() {
			return MIN_ENTRIES;
		}

		public int minimumPerFactor() {
			return MIN_PER_FACTOR;
		}

		public long missing() {
			return Math.max(0, MIN_ENTRIES - entries);
		}

	}

	public DriverReport drivers(InsightFilter filter) {
		return drivers(filter, clock.instant(), null);
	}

	/**
	 * {@link #drivers(InsightFilter)} as of {@code now}, for a caller that has already
	 * read the scope's scores as of that instant ({@code scoresNow}, {@code null} if it
	 * has not): they are used when the period reaches {@code now} instead of being read
	 * again.
	 */
	public DriverReport drivers(InsightFilter filter, Instant now, TrustScore scoresNow) {
		// columns: 5 ratings, 13 incidents, then the outcomes NPS group, detractor,
		// promoter
		int outcomes = SIGNALS + INCIDENTS;
		PairwiseCorrelations correlations = new PairwiseCorrelations(outcomes + 3);
		long[] total = new long[1];
		Map<String, Object> params = new HashMap<>();
		params.put("from", java.sql.Timestamp.from(filter.start(zone)));
		params.put("to", java.sql.Timestamp.from(filter.end(zone)));
		String scope = filter.sqlScope(params);
		// one row per distinct combination (a few thousand rows for any number of
		// entries) from an index-only scan of the period's entries with NPS; the view
		// joins the customers only when a segment is asked for
		jdbc.sql("select rating_transparency, rating_consistency, rating_communication, rating_quality, rating_values,"
				+ " case when nps >= 9 then 1 when nps <= 6 then -1 else 0 end as outcome, incident_types,"
				+ " count(*) as entries from feedback_record where nps is not null and received_at >= :from"
				+ " and received_at < :to" + scope + " group by 1, 2, 3, 4, 5, 6, 7")
			.params(params)
			.query(rs -> {
				double[] values = new double[outcomes + 3];
				for (Signal signal : Signal.values()) {
					int rating = rs.getInt("rating_" + signal.key());
					values[signal.ordinal()] = rs.wasNull() ? Double.NaN : rating;
				}
				for (Object type : (Object[]) rs.getArray("incident_types").getArray()) {
					values[SIGNALS + IncidentType.valueOf((String) type).ordinal()] = 1;
				}
				int outcome = rs.getInt("outcome");
				values[outcomes] = outcome;
				values[outcomes + 1] = outcome < 0 ? 1 : 0;
				values[outcomes + 2] = outcome > 0 ? 1 : 0;
				long entries = rs.getLong("entries");
				total[0] += entries;
				correlations.add(values, entries);
			});
		if (total[0] < MIN_ENTRIES) {
			return new DriverReport(filter, total[0], false, 0, List.of(), List.of(), List.of(), null);
		}
		List<Integer> analysed = new ArrayList<>();
		List<Thin> thin = new ArrayList<>();
		for (int i = 0; i < outcomes; i++) {
			long behind = entriesBehind(correlations, i);
			if (behind >= MIN_PER_FACTOR && correlations.varies(i)) {
				analysed.add(i);
			}
			else if (i < SIGNALS || behind > 0) {
				thin.add(new Thin(factor(i), kind(i), behind));
			}
		}
		int p = analysed.size();
		double[][] matrix = new double[p][p];
		for (int a = 0; a < p; a++) {
			for (int b = 0; b < p; b++) {
				matrix[a][b] = correlations.correlation(analysed.get(a), analysed.get(b), MIN_PER_FACTOR);
			}
		}
		double[][] weights = new double[3][];
		double[][] direction = new double[3][p];
		for (int o = 0; o < 3; o++) {
			for (int a = 0; a < p; a++) {
				direction[o][a] = correlations.correlation(analysed.get(a), outcomes + o, MIN_PER_FACTOR);
			}
			weights[o] = RelativeWeights.of(matrix, direction[o]);
		}
		double rSquared = 0;
		for (double weight : weights[0]) {
			rSquared += weight;
		}
		Instant asOf = asOf(filter, now);
		TrustScore scores = (scoresNow != null && asOf.equals(now)) ? scoresNow
				: trustScores.forScope(new Scope(filter.segment(), filter.channel(), filter.within()), asOf).score();
		List<Driver> drivers = new ArrayList<>();
		for (int a = 0; a < p; a++) {
			int i = analysed.get(a);
			Double score = null;
			Double fixFirst = null;
			if (i < SIGNALS) {
				SignalScore signalScore = scores.signal(Signal.values()[i]);
				if (signalScore != null && signalScore.hasScore()) {
					score = signalScore.score();
					fixFirst = weights[0][a] * (100 - score) / 100;
				}
			}
			drivers.add(new Driver(factor(i), kind(i), weights[0][a], rSquared > 0 ? weights[0][a] / rSquared : 0,
					direction[0][a] > 0, weights[1][a], weights[2][a], entriesBehind(correlations, i), score,
					fixFirst));
		}
		drivers.sort(Comparator.comparingDouble(Driver::importance).reversed().thenComparing(Driver::factor));
		List<Driver> fixFirst = drivers.stream()
			.filter(driver -> driver.fixFirst() != null)
			.sorted(Comparator.comparingDouble(Driver::fixFirst).reversed().thenComparing(Driver::factor))
			.toList();
		Signal lowest = null;
		double lowestScore = Double.MAX_VALUE;
		for (Signal signal : Signal.values()) {
			SignalScore signalScore = scores.signal(signal);
			if (signalScore != null && signalScore.hasScore() && signalScore.score() < lowestScore) {
				lowestScore = signalScore.score();
				lowest = signal;
			}
		}
		return new DriverReport(filter, total[0], true, rSquared, drivers, fixFirst, thin, lowest);
	}

	/** The scores "now" for a period reaching today, else as of the period's end. */
	private Instant asOf(InsightFilter filter, Instant now) {
		Instant end = filter.end(zone);
		return end.isAfter(now) ? now : end;
	}

	/**
	 * Signals: entries rating it; incidents: entries having it (the column is 1 for
	 * them).
	 */
	private static long entriesBehind(PairwiseCorrelations correlations, int i) {
		return i < SIGNALS ? correlations.present(i) : Math.round(correlations.sum(i));
	}

	private static String factor(int i) {
		return i < SIGNALS ? Signal.values()[i].key() : IncidentType.values()[i - SIGNALS].name();
	}

	private static Kind kind(int i) {
		return i < SIGNALS ? Kind.SIGNAL : Kind.INCIDENT;
	}

}
