package io.shinrai.scoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.shinrai.scoring.Explanation.ExplainedInput;

/**
 * Customers scored from their own rows (a customer has few), with the explanation and
 * trend of the customer page.
 */
@Component
class CustomerScores {

	private static final int TREND_WEEKS = 52;

	private final JdbcClient jdbc;

	CustomerScores(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Each customer's trust and status, from one read of their rows; customers without
	 * feedback have no data.
	 */
	Map<Long, CustomerTrust> forCustomers(ScoringPolicy policy, Collection<Long> customerIds, Instant asOf) {
		Map<Long, List<FeedbackFacts>> facts = new LinkedHashMap<>();
		customerIds.forEach(id -> facts.put(id, new ArrayList<>()));
		if (!customerIds.isEmpty()) {
			jdbc.sql("select customer_id, " + FeedbackFactRows.COLUMNS.replace("f.", "") + " from feedback"
					+ " where customer_id = any(cast(? as bigint[])) order by customer_id, received_at desc, id desc")
				.param(customerIds.toArray(Long[]::new))
				.query(rs -> {
					facts.get(rs.getLong("customer_id")).add(FeedbackFactRows.facts(rs, 0));
				});
		}
		Map<Long, CustomerTrust> trusts = new LinkedHashMap<>();
		facts.forEach((id, list) -> {
			long negatives = TrustCalculator.negativeCount(list, policy, asOf);
			trusts.put(id,
					new CustomerTrust(TrustCalculator.score(FeedbackFactRows.observations(list, policy), policy, asOf),
							CustomerStatus.of(negatives, policy), negatives));
		});
		return trusts;
	}

	/** Everything the customer page needs, from one read of the customer's rows. */
	CustomerReport report(PolicyVersion version, long customerId, Instant asOf) {
		ScoringPolicy policy = version.policy();
		List<CustomerEntry> entries = entries(customerId);
		List<FeedbackFacts> facts = entries.stream().map(CustomerEntry::facts).toList();
		List<ExplainedInput> inputs = new ArrayList<>();
		entries.forEach(entry -> inputs.addAll(ExplainedInput.of(entry.feedbackId(), entry.facts(), policy)));
		Explanation explanation = TrustCalculator.explain(inputs, policy, asOf);
		long negatives = TrustCalculator.negativeCount(facts, policy, asOf);
		CustomerTrust trust = new CustomerTrust(explanation.score(), CustomerStatus.of(negatives, policy), negatives);
		Duration window = Duration.ofDays(policy.riskWindowDays());
		List<CustomerEntry> negativeEntries = entries.stream()
			.filter(entry -> entry.facts().isNegative())
			.filter(entry -> {
				Duration age = Duration.between(entry.receivedAt(), asOf);
				return !age.isNegative() && age.compareTo(window) < 0;
			})
			.toList();
		List<Observation> observations = FeedbackFactRows.observations(facts, policy);
		List<TrendPoint> trend = new ArrayList<>();
		for (int week = TREND_WEEKS; week >= 0; week--) {
			Instant at = asOf.minus(Duration.ofDays(7L * week));
			trend.add(TrendPoint.of(at, TrustCalculator.score(observations, policy, at)));
		}
		return new CustomerReport(customerId, asOf, version, trust, explanation, negativeEntries, trend, entries);
	}

	private List<CustomerEntry> entries(long customerId) {
		return jdbc.sql("""
				select id, received_at, channel, category, rating_transparency, rating_consistency,
				       rating_communication, rating_quality, rating_values, nps, csat, ces, incident_types, comment,
				       negative
				from feedback where customer_id = ? order by received_at desc, id desc
				""").param(customerId).query(FeedbackFactRows::entry).list();
	}

}
