package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;

/**
 * Scopes scored from the raw rows: exact for any instant but slow, for when no basis is
 * READY yet or an instant is too far from its landmark.
 */
@Component
class ScopeRows {

	private final JdbcClient jdbc;

	ScopeRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A scope's trust as of each instant from the rows, with NPS, CSAT and CES over the
	 * risk window.
	 */
	List<ScopeTrust> history(ScoringPolicy policy, Scope scope, List<Instant> instants) {
		Duration window = Duration.ofDays(policy.riskWindowDays());
		return instants.stream().map(asOf -> {
			List<FeedbackFacts> facts = scopeFacts(scope, asOf);
			return new ScopeTrust(TrustCalculator.score(FeedbackFactRows.observations(facts, policy), policy, asOf),
					satisfactionFromFacts(facts, asOf.minus(window), false, asOf, true));
		}).toList();
	}

	/** {@link TrustScores#breakdown} from the rows. */
	ScopeBreakdown breakdown(ScoringPolicy policy, Scope scope, Instant asOf) {
		Map<String, TrustScore> bySegment = new TreeMap<>();
		Map<Channel, TrustScore> byChannel = new EnumMap<>(Channel.class);
		Map<String, List<Observation>> segments = new HashMap<>();
		Map<Channel, List<Observation>> channels = new EnumMap<>(Channel.class);
		jdbc.sql("select c.segment, f.channel, " + FeedbackFactRows.COLUMNS
				+ " from feedback f join customer c on c.id = f.customer_id where f.received_at <= :t")
			.param("t", RowTime.timestamp(RowTime.micros(asOf)))
			.query(rs -> {
				Scope cell = new Scope(rs.getString("segment"), Channel.valueOf(rs.getString("channel")));
				if (!scope.within().includes(cell.segment())) {
					return;
				}
				List<Observation> observations = FeedbackFactRows.facts(rs, 0).observations(policy);
				if (scope.listsSegmentsOf(cell.channel())) {
					segments.computeIfAbsent(cell.segment(), key -> new ArrayList<>()).addAll(observations);
				}
				if (scope.listsChannelsOf(cell.segment())) {
					channels.computeIfAbsent(cell.channel(), key -> new ArrayList<>()).addAll(observations);
				}
			});
		segments.forEach((key, list) -> bySegment.put(key, TrustCalculator.score(list, policy, asOf)));
		channels.forEach((key, list) -> byChannel.put(key, TrustCalculator.score(list, policy, asOf)));
		return new ScopeBreakdown(bySegment, byChannel);
	}

	private List<FeedbackFacts> scopeFacts(Scope scope, Instant upTo) {
		return jdbc
			.sql("select " + FeedbackFactRows.COLUMNS
					+ " from feedback f join customer c on c.id = f.customer_id where " + scope.rowsFilter()
					+ " and f.received_at <= :t")
			.params(scope.params())
			.param("t", RowTime.timestamp(RowTime.micros(upTo)))
			.query(FeedbackFactRows::facts)
			.list();
	}

	private static SatisfactionMetrics satisfactionFromFacts(List<FeedbackFacts> facts, Instant lower,
			boolean lowerInclusive, Instant upper, boolean upperInclusive) {
		List<FeedbackFacts> inside = facts.stream().filter(fact -> {
			Instant t = fact.receivedAt();
			boolean afterLower = lowerInclusive ? !t.isBefore(lower) : t.isAfter(lower);
			boolean beforeUpper = upperInclusive ? !t.isAfter(upper) : t.isBefore(upper);
			return afterLower && beforeUpper;
		}).toList();
		return SatisfactionMetrics.of(inside, Instant.MIN, Instant.MAX);
	}

}
