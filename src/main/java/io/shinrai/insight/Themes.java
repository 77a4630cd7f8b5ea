package io.shinrai.insight;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.system.BusinessTime;

/**
 * What customers are talking about: the terms and two-word phrases characteristic of
 * negative entries against the rest, by the log-odds ratio with an informative Dirichlet
 * prior (Monroe, Colaresi and Quinn 2008), read from the maintained term counts (see
 * {@link TermCountMaintenance}), never by tokenising comments on a page view.
 */
@Service
@Transactional(readOnly = true)
public class Themes {

	/** A term is listed only when at least this many entries of its side contain it. */
	public static final int MIN_ENTRIES = 5;

	/**
	 * ... and its z-score (log-odds over its standard deviation) is at least this
	 * (one-sided p ≈ 0.001).
	 */
	public static final double MIN_Z = 3.0;

	/**
	 * The prior's total weight as a share of the words counted (α₀ = 0.1 · n, at least
	 * 10).
	 */
	static final double PRIOR_SHARE = 0.1;

	/**
	 * A word is left out when a listed phrase containing it accounts for this share of
	 * its entries.
	 */
	static final double SUBSUMED = 0.8;

	static final int LIMIT = 20;

	private final JdbcClient jdbc;

	private final TermCountMaintenance maintenance;

	private final ZoneId zone;

	Themes(JdbcClient jdbc, TermCountMaintenance maintenance, BusinessTime businessTime) {
		this.jdbc = jdbc;
		this.maintenance = maintenance;
		this.zone = businessTime.zone();
	}

	/**
	 * A characteristic term: how it was mostly written, its entries on each side, and its
	 * z-score.
	 */
	public record Theme(String term, String surface, boolean phrase, long count, long otherCount, long previousCount,
			double score) {

		/**
		 * Entries containing it in the previous period of the same length, as a change.
		 */
		public long change() {
			return count - previousCount;
		}

	}

	/**
	 * @param negativeEntries negative entries with a comment in the period
	 * @param otherEntries the other entries with a comment
	 * @param negative terms characteristic of negative entries, most characteristic first
	 * @param other terms characteristic of the other entries
	 * @param pending entries stored whose terms are not counted yet
	 */
	public record ThemeReport(InsightFilter filter, long negativeEntries, long otherEntries, List<Theme> negative,
			List<Theme> other, long pending) {
	}

	public ThemeReport themes(InsightFilter filter) {
		Map<String, long[]> counts = counts(filter, null);
		long[] entries = counts.getOrDefault(TermCountMaintenance.ENTRIES, new long[2]);
		counts.remove(TermCountMaintenance.ENTRIES);
		long negativeWords = 0;
		long otherWords = 0;
		for (long[] count : counts.values()) {
			negativeWords += count[0];
			otherWords += count[1];
		}
		double alpha0 = Math.max(10, PRIOR_SHARE * (negativeWords + otherWords));
		double total = negativeWords + otherWords;
		List<Theme> negative = new ArrayList<>();
		List<Theme> other = new ArrayList<>();
		for (Map.Entry<String, long[]> term : counts.entrySet()) {
			long yi = term.getValue()[0];
			long yj = term.getValue()[1];
			double z = zScore(yi, yj, negativeWords, otherWords, alpha0 * (yi + yj) / total);
			String key = term.getKey();
			if (z >= MIN_Z && yi >= MIN_ENTRIES) {
				negative.add(new Theme(key, key, key.contains(" "), yi, yj, 0, z));
			}
			else if (-z >= MIN_Z && yj >= MIN_ENTRIES) {
				other.add(new Theme(key, key, key.contains(" "), yj, yi, 0, -z));
			}
		}
		negative = top(negative);
		other = top(other);
		Set<String> listed = new java.util.HashSet<>();
		negative.forEach(theme -> listed.add(theme.term()));
		other.forEach(theme -> listed.add(theme.term()));
		Map<String, long[]> previous = listed.isEmpty() ? Map.of() : counts(filter.previous(), listed);
		Map<String, String> surfaces = surfaces(listed);
		return new ThemeReport(filter, entries[0], entries[1], finish(negative, previous, surfaces, 0),
				finish(other, previous, surfaces, 1), maintenance.pending());
	}

	/**
	 * The terms of the negative entries of {@code recent} that are characteristic against
	 * all entries of {@code baseline} (an earlier period of the same scope): what the
	 * customers of a falling scope started talking about. Same method and thresholds as
	 * {@link #themes}; the counts are those of {@code recent}.
	 */
	public List<Theme> emerging(InsightFilter recent, InsightFilter baseline) {
		Map<String, long[]> now = counts(recent, null);
		Map<String, long[]> before = counts(baseline, null);
		now.remove(TermCountMaintenance.ENTRIES);
		before.remove(TermCountMaintenance.ENTRIES);
		long recentWords = now.values().stream().mapToLong(count -> count[0]).sum();
		long baselineWords = before.values().stream().mapToLong(count -> count[0] + count[1]).sum();
		double total = recentWords + baselineWords;
		double alpha0 = Math.max(10, PRIOR_SHARE * total);
		List<Theme> emerging = new ArrayList<>();
		now.forEach((term, count) -> {
			long[] earlier = before.getOrDefault(term, new long[2]);
			long yi = count[0];
			long yj = earlier[0] + earlier[1];
			double z = zScore(yi, yj, recentWords, baselineWords, alpha0 * (yi + yj) / total);
			if (z >= MIN_Z && yi >= MIN_ENTRIES) {
				emerging.add(new Theme(term, term, term.contains(" "), yi, yj, yj, z));
			}
		});
		List<Theme> top = top(emerging);
		Map<String, String> surfaces = surfaces(new java.util.HashSet<>(top.stream().map(Theme::term).toList()));
		return top.stream()
			.map(theme -> new Theme(theme.term(), surfaces.getOrDefault(theme.term(), theme.term()), theme.phrase(),
					theme.count(), theme.otherCount(), theme.previousCount(), theme.score()))
			.toList();
	}

	/**
	 * Monroe, Colaresi and Quinn's z-score of a word: δ = log((yᵢ+α)/(nᵢ+α₀−yᵢ−α)) −
	 * log((yⱼ+α)/(nⱼ+α₀−yⱼ−α)) over σ = √(1/(yᵢ+α) + 1/(yⱼ+α)), with α = α₀ · (the word's
	 * share of all words counted).
	 */
	static double zScore(long yi, long yj, long ni, long nj, double alpha) {
		double alpha0 = Math.max(10, PRIOR_SHARE * (ni + nj));
		double delta = Math.log((yi + alpha) / (ni + alpha0 - yi - alpha))
				- Math.log((yj + alpha) / (nj + alpha0 - yj - alpha));
		double variance = 1.0 / (yi + alpha) + 1.0 / (yj + alpha);
		return delta / Math.sqrt(variance);
	}

	/**
	 * The most characteristic first, leaving out words that a listed phrase containing
	 * them accounts for.
	 */
	private static List<Theme> top(List<Theme> themes) {
		themes.sort(Comparator.comparingDouble(Theme::score).reversed().thenComparing(Theme::term));
		List<Theme> phrases = themes.stream().filter(Theme::phrase).toList();
		List<Theme> kept = new ArrayList<>();
		for (Theme theme : themes) {
			boolean subsumed = !theme.phrase() && phrases.stream()
				.anyMatch(phrase -> List.of(phrase.term().split(" ")).contains(theme.term())
						&& phrase.count() >= SUBSUMED * theme.count());
			if (!subsumed) {
				kept.add(theme);
			}
			if (kept.size() == LIMIT) {
				break;
			}
		}
		return kept;
	}

	private static List<Theme> finish(List<Theme> themes, Map<String, long[]> previous, Map<String, String> surfaces,
			int side) {
		return themes.stream()
			.map(theme -> new Theme(theme.term(), surfaces.getOrDefault(theme.term(), theme.term()), theme.phrase(),
					theme.count(), theme.otherCount(), previous.getOrDefault(theme.term(), new long[2])[side],
					theme.score()))
			.collect(Collectors.toList());
	}

	/** The most frequent written form of each term. */
	private Map<String, String> surfaces(Set<String> terms) {
		Map<String, String> surfaces = new HashMap<>();
		if (!terms.isEmpty()) {
			jdbc.sql("select distinct on (term) term, surface from insight_term_surface"
					+ " where term = any(cast(? as varchar[])) order by term, entries desc, surface")
				.param(terms.toArray(String[]::new))
				.query(rs -> {
					surfaces.put(rs.getString("term"), rs.getString("surface"));
				});
		}
		return surfaces;
	}

	/**
	 * Entries containing each term in the filter's period and scope, {negative, other}:
	 * whole months from the monthly counts, the days of partial months from the daily
	 * ones.
	 */
	Map<String, long[]> counts(InsightFilter filter, Set<String> onlyTerms) {
		LocalDate from = filter.from();
		LocalDate end = filter.to().plusDays(1);
		LocalDate monthStart = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
		LocalDate monthEnd = end.withDayOfMonth(1);
		Map<String, Object> params = new HashMap<>();
		StringBuilder scope = new StringBuilder(filter.sqlScope(params));
		// the whole company: the counts added up over segments and channels
		String tables = scope.isEmpty() ? "_all" : "";
		if (onlyTerms != null) {
			scope.append(" and term = any(cast(:terms as varchar[]))");
			params.put("terms", onlyTerms.toArray(String[]::new));
		}
		String sql;
		if (monthStart.isBefore(monthEnd)) {
			params.put("from", from);
			params.put("monthStart", monthStart);
			params.put("monthEnd", monthEnd);
			params.put("end", end);
			sql = "select negative, term, entries from insight_term_month" + tables
					+ " where month >= :monthStart and month < :monthEnd" + scope
					+ " union all select negative, term, entries from insight_term_day" + tables
					+ " where ((day >= :from and day < :monthStart) or (day >= :monthEnd and day < :end))" + scope;
		}
		else {
			params.put("from", from);
			params.put("end", end);
			sql = "select negative, term, entries from insight_term_day" + tables + " where day >= :from and day < :end"
					+ scope;
		}
		Map<String, long[]> counts = new HashMap<>();
		jdbc.sql("select negative, term, sum(entries) as entries from (" + sql + ") t group by negative, term"
				+ " having sum(entries) > 0")
			.params(params)
			.query(rs -> {
				counts.computeIfAbsent(rs.getString("term"), key -> new long[2])[rs.getBoolean("negative") ? 0 : 1] = rs
					.getLong("entries");
			});
		return counts;
	}

	ZoneId zone() {
		return zone;
	}

}
