package io.shinrai.scoring;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trust scores of customers and scopes as of any instant. This first version reads the feedback rows and applies
 * {@link TrustCalculator} directly.
 */
@Service
@Transactional(readOnly = true)
public class TrustScores {

	private final JdbcClient jdbc;

	TrustScores(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public ScoringPolicy activePolicy() {
		return ScoringPolicy.defaults();
	}

	public CustomerTrust forCustomer(long customerId, Instant asOf) {
		ScoringPolicy policy = activePolicy();
		List<FeedbackFacts> facts = jdbc.sql("select " + COLUMNS + " from feedback where customer_id = ?")
			.param(customerId)
			.query(TrustScores::facts)
			.list();
		return new CustomerTrust(TrustCalculator.score(observations(facts, policy), policy, asOf),
				TrustCalculator.status(facts, policy, asOf), TrustCalculator.negativeCount(facts, policy, asOf));
	}

	public ScopeTrust forScope(Scope scope, Instant asOf) {
		ScoringPolicy policy = activePolicy();
		List<FeedbackFacts> facts = jdbc.sql("select " + COLUMNS + " from feedback f join customer c on c.id = f.customer_id"
				+ " where (cast(:segment as varchar) is null or c.segment = :segment)"
				+ " and (cast(:channel as varchar) is null or f.channel = :channel)")
			.param("segment", scope.segment())
			.param("channel", scope.channel() == null ? null : scope.channel().name())
			.query(TrustScores::facts)
			.list();
		Instant from = asOf.minus(Duration.ofDays(policy.riskWindowDays()));
		return new ScopeTrust(TrustCalculator.score(observations(facts, policy), policy, asOf),
				SatisfactionMetrics.of(facts, from, asOf));
	}

	private static List<Observation> observations(List<FeedbackFacts> facts, ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>();
		facts.forEach(fact -> observations.addAll(fact.observations(policy)));
		return observations;
	}

	private static final String COLUMNS = "received_at, rating_transparency, rating_consistency, rating_communication,"
			+ " rating_quality, rating_values, incident_types, nps, csat, ces";

	private static FeedbackFacts facts(ResultSet rs, int row) throws SQLException {
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			int value = rs.getInt("rating_" + signal.key());
			if (!rs.wasNull()) {
				ratings.put(signal, value);
			}
		}
		List<IncidentType> incidents = new ArrayList<>();
		Array types = rs.getArray("incident_types");
		for (Object type : (Object[]) types.getArray()) {
			incidents.add(IncidentType.valueOf((String) type));
		}
		return new FeedbackFacts(rs.getTimestamp("received_at").toInstant(), ratings, incidents,
				(Integer) rs.getObject("nps"), (Integer) rs.getObject("csat"), (Integer) rs.getObject("ces"));
	}

}
