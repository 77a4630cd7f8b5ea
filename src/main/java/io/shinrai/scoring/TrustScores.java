package io.shinrai.scoring;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trust scores of customers and scopes as of any instant, exactly as docs/scoring.md and
 * {@link TrustCalculator} define them, computed with the serving policy version (see
 * {@link ScoringPolicies}); what every page and the API ask.
 * <p>
 * A customer is scored from its own rows ({@link CustomerScores}). A scope (segment,
 * channel, company) is scored from the forward-decay sums ({@link ScopeSums}); when no
 * basis is READY yet, or T is too far from its landmark, from the raw rows instead
 * ({@link ScopeRows}), which is exact but slow.
 */
@Service
@Transactional(readOnly = true)
public class TrustScores {

	private final ScoringPolicies policies;

	private final CustomerScores customers;

	private final ScopeSums sums;

	private final ScopeRows rows;

	private final ActivityTotals activity;

	private final PolicyPreviews previews;

	private final ChannelTrustSums channelTrust;

	TrustScores(ScoringPolicies policies, CustomerScores customers, ScopeSums sums, ScopeRows rows,
			ActivityTotals activity, PolicyPreviews previews, ChannelTrustSums channelTrust) {
		this.policies = policies;
		this.customers = customers;
		this.sums = sums;
		this.rows = rows;
		this.activity = activity;
		this.previews = previews;
		this.channelTrust = channelTrust;
	}

	/**
	 * The policy every number is computed with right now (the serving version; see
	 * {@link ScoringPolicies}).
	 */
	public ScoringPolicy activePolicy() {
		return policies.servingState().policy();
	}

	public CustomerTrust forCustomer(long customerId, Instant asOf) {
		return forCustomers(List.of(customerId), asOf).get(customerId);
	}

	/**
	 * {@link #forCustomer} of each customer, from one read of their rows; customers
	 * without feedback have no data.
	 */
	public Map<Long, CustomerTrust> forCustomers(Collection<Long> customerIds, Instant asOf) {
		return customers.forCustomers(activePolicy(), customerIds, asOf);
	}

	/** Everything the customer page needs, from one read of the customer's rows. */
	public CustomerReport report(long customerId, Instant asOf) {
		return customers.report(policies.servingState().version(), customerId, asOf);
	}

	/**
	 * A scope's pooled trust, with NPS, CSAT and CES over the risk window ending at
	 * {@code asOf}.
	 */
	public ScopeTrust forScope(Scope scope, Instant asOf) {
		return history(scope, List.of(asOf)).get(0);
	}

	/**
	 * {@link #forScope} as of each instant, in the order given, from one read of the
	 * scope's daily sums and one of the raw rows of the partial days at the ends.
	 * Instants at the start of a day in the basis' time zone are the cheapest: nothing of
	 * their day needs reading from the raw rows.
	 */
	public List<ScopeTrust> history(Scope scope, List<Instant> instants) {
		if (instants.isEmpty()) {
			return List.of();
		}
		Serving serving = policies.servingState();
		Basis basis = serving.basis();
		if (basis == null || instants.stream().anyMatch(at -> !basis.covers(at))) {
			return rows.history(serving.policy(), scope, instants);
		}
		return sums.history(basis, serving.policy(), scope, instants);
	}

	/**
	 * What was received in [from, to), per segment and channel: entries and the counts
	 * behind NPS, CSAT and CES. Whole days come from the daily sums; the partial days at
	 * both ends are read from the rows.
	 */
	public List<ActivityCounts> activity(Instant from, Instant to) {
		return activity.activity(policies.servingState().basis(), from, to);
	}

	/**
	 * Trust per segment and per channel as of {@code asOf}, from one read of the sums per
	 * (segment, channel): the segments within the scope's channel, the channels within
	 * the scope's segment ({@code null}: all). Only segments and channels with data are
	 * listed.
	 */
	public ScopeBreakdown breakdown(Scope scope, Instant asOf) {
		Serving serving = policies.servingState();
		Basis basis = serving.basis();
		if (basis == null || !basis.covers(asOf)) {
			return rows.breakdown(serving.policy(), scope, asOf);
		}
		return sums.breakdown(basis, serving.policy(), scope, asOf);
	}

	/**
	 * The trust of each channel computed from only the entries received in [from, to), as
	 * of {@code to}: per segment ({@code perCustomer} false) or per customer and channel
	 * with at least {@code minEntries} entries (true), optionally within one segment.
	 * Read from the contributions of the serving basis; empty while there is none.
	 */
	public List<ChannelTrust> channelTrust(Instant from, Instant to, String segment, boolean perCustomer,
			int minEntries) {
		Serving serving = policies.servingState();
		Basis basis = serving.basis();
		if (basis == null || !basis.covers(to)) {
			return List.of();
		}
		return channelTrust.channelTrust(basis, serving.policy(), from, to, segment, perCustomer, minEntries);
	}

	/**
	 * What activating {@code draft} would change as of {@code asOf}, against the active
	 * version. Computed from the raw rows in one pass (a few seconds for a million
	 * entries), since the draft's half-life and severities have no sums of their own.
	 * @throws InvalidPolicyException when the draft is outside the allowed ranges
	 */
	public PolicyPreview preview(ScoringPolicy draft, Instant asOf) {
		return previews.preview(draft, asOf);
	}

}
