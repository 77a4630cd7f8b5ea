package io.shinrai.insight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeBreakdown;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.SignalScore;
import io.shinrai.scoring.TrustScore;
import io.shinrai.scoring.TrustScores;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.SegmentScope;

/**
 * Early warning: the company, every segment and every channel whose weekly trust is
 * falling beyond its usual variation ({@link TrustDropRule}), with the signals that fell
 * and the themes of the scope's negative entries over the recent weeks that are new
 * against the twelve weeks before ({@link Themes#emerging}). The weekly job records each
 * once per week and publishes {@link TrustWarningRaised}.
 */
@Service
@Transactional(readOnly = true)
public class EarlyWarnings {

	static final int THEMES = 3;

	private final TrustScores trustScores;

	private final Themes themes;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ZoneId zone;

	EarlyWarnings(TrustScores trustScores, Themes themes, JdbcClient jdbc, ApplicationEventPublisher events,
			BusinessTime businessTime) {
		this.trustScores = trustScores;
		this.themes = themes;
		this.jdbc = jdbc;
		this.events = events;
		this.zone = businessTime.zone();
	}

	public enum ScopeKind {

		COMPANY, SEGMENT, CHANNEL

	}

	public record SignalChange(Signal signal, double change) {
	}

	/** A recorded warning; {@code from} and {@code to} bound the recent weeks. */
	public record Warning(long id, ScopeKind scopeKind, String scopeValue, Instant from, Instant to, double trustBefore,
			double trustAfter, double recentChange, double usualChange, double usualDeviation,
			List<SignalChange> signals, List<String> themes, Instant raisedAt) {

		public double drop() {
			return trustBefore - trustAfter;
		}

		public String segment() {
			return scopeKind == ScopeKind.SEGMENT ? scopeValue : null;
		}

		public Channel channel() {
			return scopeKind == ScopeKind.CHANNEL ? Channel.valueOf(scopeValue) : null;
		}

	}

	/** A scope's weekly trust and the rule's verdict on it. */
	public record Evaluation(ScopeKind kind, String value, List<Instant> weeks, double[] trust,
			TrustDropRule.Verdict verdict, List<SignalChange> signals) {
	}

	/**
	 * Checks every scope for the weeks ending at the start of {@code asOf}'s day, records
	 * the warnings not recorded for that week yet and publishes them.
	 * @return the warnings recorded now
	 */
	@Transactional
	public List<Warning> check(Instant asOf) {
		Instant weekEnd = asOf.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
		List<Evaluation> evaluations = new ArrayList<>();
		evaluations.add(evaluate(ScopeKind.COMPANY, "", weekEnd));
		ScopeBreakdown breakdown = trustScores.breakdown(Scope.company(), weekEnd);
		breakdown.bySegment()
			.keySet()
			.forEach(segment -> evaluations.add(evaluate(ScopeKind.SEGMENT, segment, weekEnd)));
		breakdown.byChannel()
			.keySet()
			.forEach(channel -> evaluations.add(evaluate(ScopeKind.CHANNEL, channel.name(), weekEnd)));
		List<Warning> raised = new ArrayList<>();
		for (Evaluation evaluation : evaluations) {
			if (evaluation != null && evaluation.verdict().warn()) {
				record(evaluation).ifPresent(raised::add);
			}
		}
		return raised;
	}

	/**
	 * One scope's weekly trust up to {@code weekEnd} and the rule's verdict; {@code null}
	 * without 17 weeks of trust.
	 */
	public Evaluation evaluate(ScopeKind kind, String value, Instant weekEnd) {
		Scope scope = switch (kind) {
			case COMPANY -> Scope.company();
			case SEGMENT -> new Scope(value, null);
			case CHANNEL -> new Scope(null, Channel.valueOf(value));
		};
		List<Instant> weeks = new ArrayList<>();
		for (int week = TrustDropRule.WEEKS - 1; week >= 0; week--) {
			weeks.add(weekEnd.minus(Duration.ofDays(7L * week)));
		}
		List<TrustScore> scores = trustScores.history(scope, weeks).stream().map(ScopeTrust::score).toList();
		double[] trust = new double[weeks.size()];
		for (int i = 0; i < trust.length; i++) {
			if (scores.get(i).trust() == null) {
				return null;
			}
			trust[i] = scores.get(i).trust();
		}
		TrustScore before = scores.get(TrustDropRule.BASELINE_WEEKS);
		TrustScore after = scores.get(weeks.size() - 1);
		List<SignalChange> signals = new ArrayList<>();
		for (Signal signal : Signal.values()) {
			SignalScore was = before.signal(signal);
			SignalScore is = after.signal(signal);
			if (was != null && is != null && was.hasScore() && is.hasScore() && is.score() < was.score()) {
				signals.add(new SignalChange(signal, is.score() - was.score()));
			}
		}
		signals.sort(Comparator.comparingDouble(SignalChange::change));
		return new Evaluation(kind, value, weeks, trust, TrustDropRule.evaluate(trust), signals);
	}

	private java.util.Optional<Warning> record(Evaluation evaluation) {
		Instant from = evaluation.weeks().get(TrustDropRule.BASELINE_WEEKS);
		Instant to = evaluation.weeks().get(evaluation.weeks().size() - 1);
		LocalDate fromDay = from.atZone(zone).toLocalDate();
		LocalDate lastDay = to.atZone(zone).toLocalDate().minusDays(1);
		InsightFilter filter = new InsightFilter(fromDay, lastDay,
				evaluation.kind() == ScopeKind.SEGMENT ? evaluation.value() : null,
				evaluation.kind() == ScopeKind.CHANNEL ? Channel.valueOf(evaluation.value()) : null);
		InsightFilter baseline = new InsightFilter(fromDay.minusWeeks(TrustDropRule.BASELINE_WEEKS),
				fromDay.minusDays(1), filter.segment(), filter.channel());
		List<String> terms = themes.emerging(filter, baseline)
			.stream()
			.limit(THEMES)
			.map(Themes.Theme::surface)
			.toList();
		double[] trust = evaluation.trust();
		TrustDropRule.Verdict verdict = evaluation.verdict();
		List<Long> ids = jdbc.sql("""
				insert into insight_warning (scope_kind, scope_value, period_from, period_to, trust_before, trust_after,
				    recent_change, usual_change, usual_deviation, signal_changes, themes)
				values (:kind, :value, :from, :to, :before, :after, :recent, :usual, :deviation, :signals, :themes)
				on conflict do nothing
				returning id
				""")
			.param("kind", evaluation.kind().name())
			.param("value", evaluation.value())
			.param("from", Timestamp.from(from))
			.param("to", Timestamp.from(to))
			.param("before", trust[TrustDropRule.BASELINE_WEEKS])
			.param("after", trust[trust.length - 1])
			.param("recent", verdict.recentChange())
			.param("usual", verdict.usualChange())
			.param("deviation", verdict.usualDeviation())
			.param("signals",
					String.join(";",
							evaluation.signals()
								.stream()
								.map(change -> change.signal().key() + ":" + change.change())
								.toList()))
			.param("themes", String.join("\n", terms))
			.query(Long.class)
			.list();
		if (ids.isEmpty()) {
			return java.util.Optional.empty();
		}
		Warning warning = find(ids.get(0));
		events.publishEvent(new TrustWarningRaised(warning.id(), warning.scopeKind().name(), warning.scopeValue(),
				warning.from(), warning.to(), warning.trustBefore(), warning.trustAfter(), warning.drop(),
				warning.signals().stream().map(change -> change.signal().key()).toList(), warning.themes()));
		return java.util.Optional.of(warning);
	}

	private Warning find(long id) {
		return jdbc.sql("select * from insight_warning where id = ?").param(id).query(EarlyWarnings::warning).single();
	}

	/**
	 * The warnings whose recent weeks end within the filter's period, for its segment or
	 * channel (both given: either), newest first.
	 */
	public List<Warning> warnings(InsightFilter filter) {
		Map<String, Object> params = new HashMap<>();
		params.put("from", Timestamp.from(filter.start(zone)));
		params.put("to", Timestamp.from(filter.end(zone)));
		List<String> scopes = new ArrayList<>();
		if (filter.segment() != null) {
			scopes.add("(scope_kind = 'SEGMENT' and scope_value = :segment)");
			params.put("segment", filter.segment());
		}
		if (filter.channel() != null) {
			scopes.add("(scope_kind = 'CHANNEL' and scope_value = :channel)");
			params.put("channel", filter.channel().name());
		}
		return jdbc
			.sql("select * from insight_warning where period_to >= :from and period_to <= :to"
					+ (scopes.isEmpty() ? "" : " and (" + String.join(" or ", scopes) + ")")
					+ within(filter.within(), params) + " order by period_to desc, trust_before - trust_after desc, id")
			.params(params)
			.query(EarlyWarnings::warning)
			.list();
	}

	/**
	 * The warnings of the latest checks (recent weeks ending in the last {@code days}
	 * days), for the dashboard.
	 */
	public List<Warning> latest(int days, int limit) {
		return latest(days, limit, SegmentScope.all());
	}

	/**
	 * {@link #latest(int, int)} that a user who sees the segments {@code scope} may see.
	 */
	public List<Warning> latest(int days, int limit, SegmentScope scope) {
		Map<String, Object> params = new HashMap<>();
		params.put("days", days);
		params.put("limit", limit);
		return jdbc.sql("select * from insight_warning where period_to >= now() - make_interval(days => :days)"
				+ within(scope, params) + " order by period_to desc, trust_before - trust_after desc, id limit :limit")
			.params(params)
			.query(EarlyWarnings::warning)
			.list();
	}

	/**
	 * A user limited to some segments sees the warnings of those segments only: the
	 * company's and the channels' are computed over every segment.
	 */
	private static String within(SegmentScope scope, Map<String, Object> params) {
		if (scope.isAll()) {
			return "";
		}
		params.putAll(scope.params());
		return " and scope_kind = 'SEGMENT' and " + scope.sql("scope_value");
	}

	private static Warning warning(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		List<SignalChange> signals = new ArrayList<>();
		String signalText = rs.getString("signal_changes");
		if (!signalText.isEmpty()) {
			for (String part : signalText.split(";")) {
				String[] pair = part.split(":");
				signals.add(new SignalChange(Signal.fromKey(pair[0]), Double.parseDouble(pair[1])));
			}
		}
		String themeText = rs.getString("themes");
		List<String> terms = themeText.isEmpty() ? List.of() : Arrays.asList(themeText.split("\n"));
		return new Warning(rs.getLong("id"), ScopeKind.valueOf(rs.getString("scope_kind")), rs.getString("scope_value"),
				rs.getObject("period_from", OffsetDateTime.class).toInstant(),
				rs.getObject("period_to", OffsetDateTime.class).toInstant(), rs.getDouble("trust_before"),
				rs.getDouble("trust_after"), rs.getDouble("recent_change"), rs.getDouble("usual_change"),
				rs.getDouble("usual_deviation"), signals, terms,
				rs.getObject("raised_at", OffsetDateTime.class).toInstant());
	}

}
