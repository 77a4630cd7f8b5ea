package io.shinrai.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.CustomerEntry;
import io.shinrai.scoring.Explanation;
import io.shinrai.scoring.ScoringPolicy;

/**
 * "What pulled this score down / up", in words, from the scoring module's explanation:
 * how many points each feedback entry moved the customer's trust away from the prior mean
 * μ. The pulls add up exactly to trust − μ: a signal's score is μ + Σ shareᵢ·(pointsᵢ −
 * μ) over its observations, and trust is the policy-weighted mean of the scored signals,
 * so observation i moves trust by (weight of its signal / weights of the scored signals)
 * · shareᵢ · (pointsᵢ − μ). An entry's pull is the sum over its ratings and incidents.
 *
 * @param priorMean where a customer without feedback stands
 * @param down the entries that pulled trust down most, the strongest first
 * @param up the entries that pulled trust up most, the strongest first
 */
public record PlainExplanation(double priorMean, Double trust, List<Mover> down, List<Mover> up) {

	/** How many entries each list names at most. */
	static final int MOVERS = 3;

	/** Pulls smaller than this (in points) are not worth a sentence. */
	static final double NEGLIGIBLE = 0.05;

	public PlainExplanation {
		down = List.copyOf(down);
		up = List.copyOf(up);
	}

	/**
	 * One entry and how far it moved trust ({@code points}: negative down, positive up).
	 */
	public record Mover(long feedbackId, Instant at, Channel channel, List<Part> parts, double points, String comment) {

		public Mover {
			parts = List.copyOf(parts);
		}

		/** The pull as a positive number, for "down by" and "up by". */
		public double size() {
			return Math.abs(points);
		}

	}

	/**
	 * One observation of the entry: a rating of a signal, or an incident (exactly one is
	 * set).
	 */
	public record Part(Signal signal, Integer rating, IncidentType incident) {
	}

	/** Whether there is anything to say. */
	public boolean isEmpty() {
		return down.isEmpty() && up.isEmpty();
	}

	static PlainExplanation of(Explanation explanation, ScoringPolicy policy, List<CustomerEntry> entries) {
		Map<Long, CustomerEntry> entryById = new LinkedHashMap<>();
		entries.forEach(entry -> entryById.put(entry.feedbackId(), entry));
		double mu = policy.priorMean();
		Map<Long, Accumulator> byEntry = accumulate(explanation, policy);
		List<Mover> movers = byEntry.values().stream().map(a -> {
			CustomerEntry entry = entryById.get(a.feedbackId);
			// incidents first: they are what people remember of an entry
			a.parts.sort(Comparator.comparing((Part p) -> p.incident() == null).thenComparing(Part::signal));
			return new Mover(a.feedbackId, a.at, entry == null ? null : entry.channel(), a.parts, a.points,
					entry == null ? null : excerpt(entry.comment()));
		}).toList();
		List<Mover> down = movers.stream()
			.filter(m -> m.points() <= -NEGLIGIBLE)
			.sorted(Comparator.comparingDouble(Mover::points).thenComparing(Mover::at, Comparator.reverseOrder()))
			.limit(MOVERS)
			.toList();
		List<Mover> up = movers.stream()
			.filter(m -> m.points() >= NEGLIGIBLE)
			.sorted(Comparator.comparingDouble(Mover::points)
				.reversed()
				.thenComparing(Mover::at, Comparator.reverseOrder()))
			.limit(MOVERS)
			.toList();
		return new PlainExplanation(mu, explanation.score().trust(), down, up);
	}

	/** Every entry's pull, by feedback id, however small. */
	static Map<Long, Double> pulls(Explanation explanation, ScoringPolicy policy) {
		Map<Long, Double> pulls = new LinkedHashMap<>();
		accumulate(explanation, policy).forEach((id, a) -> pulls.put(id, a.points));
		return pulls;
	}

	private static Map<Long, Accumulator> accumulate(Explanation explanation, ScoringPolicy policy) {
		double mu = policy.priorMean();
		double scoredWeights = 0;
		for (Explanation.SignalExplanation signal : explanation.signals().values()) {
			if (signal.score() != null) {
				scoredWeights += policy.weight(signal.signal());
			}
		}
		Map<Long, Accumulator> byEntry = new LinkedHashMap<>();
		if (scoredWeights <= 0) {
			return byEntry;
		}
		for (Explanation.SignalExplanation signal : explanation.signals().values()) {
			if (signal.score() == null) {
				continue;
			}
			double signalShare = policy.weight(signal.signal()) / scoredWeights;
			for (Explanation.Line line : signal.lines()) {
				Accumulator accumulator = byEntry.computeIfAbsent(line.feedbackId(),
						id -> new Accumulator(id, line.at()));
				accumulator.points += signalShare * line.share() * (line.points() - mu);
				accumulator.parts.add(new Part(signal.signal(), line.rating(), line.incident()));
			}
		}
		return byEntry;
	}

	private static final int EXCERPT = 80;

	private static String excerpt(String comment) {
		if (comment == null || comment.isBlank()) {
			return null;
		}
		String text = comment.strip().replaceAll("\\s+", " ");
		return text.codePointCount(0, text.length()) <= EXCERPT ? text
				: text.substring(0, text.offsetByCodePoints(0, EXCERPT)) + "…";
	}

	private static final class Accumulator {

		private final long feedbackId;

		private final Instant at;

		private final List<Part> parts = new ArrayList<>();

		private double points;

		private Accumulator(long feedbackId, Instant at) {
			this.feedbackId = feedbackId;
			this.at = at;
		}

	}

}
