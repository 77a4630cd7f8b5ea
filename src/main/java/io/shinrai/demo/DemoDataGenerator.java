package io.shinrai.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import io.shinrai.demo.DemoComments.Tone;
import io.shinrai.demo.DemoNames.Segment;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * Writes realistic demo feedback as CSV in the import format (README.md "CSV format"),
 * deterministically: the same settings give the same bytes. Customers have Japanese or
 * English names, a segment, preferred channels and a mood; entries spread over the two
 * years before {@code end} with seasonality (a summer low, peaks in December and at the
 * fiscal year end in March, quiet weekends and nights, growth over time). About 7 % of
 * customers slide into risk (a cluster of negative entries in the last 45 days) and about
 * 6 % recover (negatives 110–200 days ago, positive since).
 *
 * <p>
 * Memory does not grow with the size: every customer is derived from the seed and its
 * index alone and written before the next one, so 100 000 customers and 1 000 000 entries
 * stream straight to the file.
 */
public final class DemoDataGenerator {

	public static final List<String> HEADER = List.of("external_id", "customer_ref", "customer_name", "segment",
			"received_at", "channel", "category", "transparency", "consistency", "communication", "quality", "values",
			"nps", "csat", "ces", "incidents", "comment");

	static final Duration SPAN = Duration.ofDays(730);

	static final Duration SLIDE = Duration.ofDays(45);

	static final Duration RECOVERY_TROUBLE_FROM = Duration.ofDays(200);

	static final Duration RECOVERY_TROUBLE_TO = Duration.ofDays(110);

	/**
	 * One customer never gets more entries than this, so a customer's entries always fit
	 * in memory.
	 */
	static final int MAX_ENTRIES_PER_CUSTOMER = 5_000;

	private static final double[] CHANNEL_WEIGHTS = { 22, 18, 15, 8, 8, 20, 6, 3 }; // in
																					// Channel
																					// order

	private static final double[] CATEGORY_WEIGHTS = { 25, 25, 12, 15, 10, 4, 9 }; // in
																					// Category
																					// order

	private static final Map<Category, Signal[]> CATEGORY_SIGNALS = new EnumMap<>(Map.of(Category.PRODUCT,
			new Signal[] { Signal.QUALITY }, Category.SERVICE,
			new Signal[] { Signal.COMMUNICATION, Signal.CONSISTENCY }, Category.PRICE,
			new Signal[] { Signal.TRANSPARENCY }, Category.DELIVERY, new Signal[] { Signal.CONSISTENCY },
			Category.BILLING, new Signal[] { Signal.TRANSPARENCY }, Category.PRIVACY,
			new Signal[] { Signal.TRANSPARENCY, Signal.VALUES }, Category.OTHER, new Signal[] { Signal.VALUES }));

	private static final Map<Category, IncidentType[]> CATEGORY_INCIDENTS = new EnumMap<>(Map.of(Category.PRODUCT,
			new IncidentType[] {
					IncidentType.PRODUCT_DEFECT, IncidentType.PRODUCT_DEFECT, IncidentType.MISLEADING_CLAIM },
			Category.SERVICE,
			new IncidentType[] { IncidentType.INSUFFICIENT_SUPPORT, IncidentType.IGNORED_FEEDBACK,
					IncidentType.NO_PERSONALIZATION, IncidentType.BROKEN_PROMISE },
			Category.PRICE, new IncidentType[] { IncidentType.UNFAIR_PRICING, IncidentType.HIDDEN_FEES },
			Category.DELIVERY, new IncidentType[] { IncidentType.BROKEN_PROMISE, IncidentType.INCONSISTENT_SERVICE },
			Category.BILLING, new IncidentType[] { IncidentType.HIDDEN_FEES, IncidentType.HIDDEN_INFORMATION },
			Category.PRIVACY, new IncidentType[] { IncidentType.DATA_MISUSE, IncidentType.INAPPROPRIATE_MARKETING },
			Category.OTHER, new IncidentType[] { IncidentType.ETHICAL_LAPSE, IncidentType.INAPPROPRIATE_MARKETING,
					IncidentType.HIDDEN_INFORMATION }));

	private final long seed;

	private final int customers;

	private final long entries;

	private final Instant end;

	private final ZoneId zone;

	private final int referenceDigits;

	/**
	 * @param end the instant the data ends at (exclusive); entries fall in the two years
	 * before it
	 * @param zone where seasons, weekends and office hours are reckoned
	 */
	public DemoDataGenerator(long seed, int customers, long entries, Instant end, ZoneId zone) {
		if (customers < 1 || entries < 0) {
			throw new IllegalArgumentException("at least one customer and no negative number of entries");
		}
		if (entries > (long) customers * MAX_ENTRIES_PER_CUSTOMER) {
			throw new IllegalArgumentException("at most " + MAX_ENTRIES_PER_CUSTOMER + " entries per customer");
		}
		this.seed = seed;
		this.customers = customers;
		this.entries = entries;
		this.end = end.truncatedTo(ChronoUnit.SECONDS);
		this.zone = Objects.requireNonNull(zone, "zone");
		this.referenceDigits = Math.max(6, String.valueOf(customers).length());
	}

	/** Writes the CSV to a file (UTF-8, no BOM, RFC 4180), replacing it. */
	public void writeTo(Path file) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			writeTo(out);
		}
	}

	/**
	 * Writes the CSV, header first, customer by customer; flushes but does not close
	 * {@code out}.
	 */
	public void writeTo(Writer out) throws IOException {
		CSVPrinter csv = new CSVPrinter(out,
				CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get());
		double totalActivity = 0;
		for (int i = 0; i < customers; i++) {
			totalActivity += profile(i).activity;
		}
		// entries are handed out by cumulative share of activity: exact total, no
		// per-customer table in memory
		double cumulative = 0;
		long handedOut = 0;
		long externalId = 0;
		for (int i = 0; i < customers; i++) {
			Profile profile = profile(i);
			cumulative += profile.activity;
			long upTo = (i == customers - 1) ? entries
					: Math.min(entries, Math.round(entries * cumulative / totalActivity));
			int count = (int) Math.min(MAX_ENTRIES_PER_CUSTOMER, Math.max(0, upTo - handedOut));
			handedOut += count;
			for (Entry entry : entries(profile, count)) {
				externalId++;
				print(csv, profile, entry, externalId);
			}
		}
		csv.flush();
	}

	private void print(CSVPrinter csv, Profile profile, Entry e, long externalId) throws IOException {
		List<Object> row = new ArrayList<>(HEADER.size());
		row.add("DEMO-" + seed + "-" + externalId);
		row.add(profile.reference);
		row.add(profile.name);
		row.add(profile.segment.label);
		row.add(e.at.toString());
		row.add(e.channel.name());
		row.add(e.category.name());
		for (Signal signal : Signal.values()) {
			row.add(e.ratings[signal.ordinal()]);
		}
		row.add(e.nps);
		row.add(e.csat);
		row.add(e.ces);
		row.add(e.incidents.isEmpty() ? null : String.join(";", e.incidents.stream().map(Enum::name).toList()));
		row.add(e.comment);
		csv.printRecord(row);
	}

	/**
	 * Everything about customer {@code i} that does not depend on its entries, derived
	 * from the seed alone.
	 */
	private Profile profile(int i) {
		Rng rng = Rng.of(seed, i);
		Segment segment = Segment.pick(rng);
		boolean japanese = rng.chance(0.6);
		String name = DemoNames.of(segment, japanese, rng);
		double mood = clamp(0.72 + 0.11 * rng.gaussian(), 0.2, 0.95);
		double[] signalBias = new double[Signal.values().length];
		for (int s = 0; s < signalBias.length; s++) {
			signalBias[s] = 0.06 * rng.gaussian();
		}
		double activity = segment.activity * StrictMath.exp(0.7 * rng.gaussian());
		Channel[] preferred = { Channel.values()[rng.weighted(CHANNEL_WEIGHTS)],
				Channel.values()[rng.weighted(CHANNEL_WEIGHTS)] };
		double story = rng.nextDouble();
		Trajectory trajectory = (story < 0.07) ? Trajectory.SLIDING
				: (story < 0.13) ? Trajectory.RECOVERING : Trajectory.STEADY;
		String reference = "C-" + String.format(Locale.ROOT, "%0" + referenceDigits + "d", i + 1);
		return new Profile(i, reference, name, segment, japanese, mood, signalBias, activity, preferred, trajectory);
	}

	private List<Entry> entries(Profile p, int count) {
		Rng rng = Rng.of(~seed, p.index);
		Instant start = end.minus(SPAN);
		Trajectory trajectory = p.trajectory;
		if ((trajectory == Trajectory.SLIDING && count < 3) || (trajectory == Trajectory.RECOVERING && count < 5)) {
			trajectory = Trajectory.STEADY;
		}
		Instant[] times = new Instant[count];
		int forced = 0;
		if (trajectory == Trajectory.SLIDING) {
			// the cluster of recent negatives that makes the customer AT_RISK
			for (int k = 2 + rng.nextInt(2); k > 0; k--) {
				times[forced++] = time(rng, end.minus(SLIDE), end);
			}
		}
		else if (trajectory == Trajectory.RECOVERING) {
			for (int k = 2 + rng.nextInt(2); k > 0; k--) {
				times[forced++] = time(rng, end.minus(RECOVERY_TROUBLE_FROM), end.minus(RECOVERY_TROUBLE_TO));
			}
			for (int k = 2; k > 0; k--) {
				times[forced++] = time(rng, end.minus(Duration.ofDays(80)), end);
			}
		}
		for (int k = forced; k < count; k++) {
			times[k] = time(rng, start, trajectory == Trajectory.SLIDING ? end.minus(SLIDE) : end);
		}
		Arrays.sort(times);
		List<Entry> result = new ArrayList<>(count);
		for (Instant at : times) {
			result.add(entry(p, trajectory, at, rng));
		}
		return result;
	}

	private Entry entry(Profile p, Trajectory trajectory, Instant at, Rng rng) {
		ZonedDateTime local = at.atZone(zone);
		boolean trouble = (trajectory == Trajectory.SLIDING && !at.isBefore(end.minus(SLIDE)))
				|| (trajectory == Trajectory.RECOVERING && !at.isBefore(end.minus(RECOVERY_TROUBLE_FROM))
						&& at.isBefore(end.minus(RECOVERY_TROUBLE_TO)));
		boolean recovered = trajectory == Trajectory.RECOVERING && !at.isBefore(end.minus(RECOVERY_TROUBLE_TO));
		double mood = p.mood + (trouble ? -0.42 : 0) + (recovered ? 0.12 : 0);

		Channel channel = rng.chance(0.7) ? p.preferred[rng.nextInt(p.preferred.length)]
				: Channel.values()[rng.weighted(CHANNEL_WEIGHTS)];
		Category category = Category.values()[rng.weighted(CATEGORY_WEIGHTS)];
		// the December rush strains deliveries
		if (category == Category.DELIVERY && local.getMonth() == Month.DECEMBER) {
			mood -= 0.08;
		}

		List<IncidentType> incidents = new ArrayList<>(2);
		double incidentChance = trouble ? 0.45 : clamp(0.045 + 0.3 * (0.62 - mood), 0.035, 0.25);
		if (rng.chance(incidentChance)) {
			IncidentType[] likely = CATEGORY_INCIDENTS.get(category);
			incidents.add(rng.pick(likely));
			if (rng.chance(0.12)) {
				IncidentType second = IncidentType.values()[rng.nextInt(IncidentType.values().length)];
				if (!incidents.contains(second)) {
					incidents.add(second);
				}
			}
			mood -= 0.15;
		}

		Integer[] ratings = new Integer[Signal.values().length];
		Signal[] main = CATEGORY_SIGNALS.get(category);
		switch (channel) {
			case SURVEY -> {
				for (Signal signal : Signal.values()) {
					if (rng.chance(0.7)) {
						ratings[signal.ordinal()] = rating(mood, p, signal, incidents, rng);
					}
				}
			}
			case IN_PERSON -> {
				rate(ratings, main[0], mood, p, incidents, rng);
				rate(ratings, Signal.values()[rng.nextInt(5)], mood, p, incidents, rng);
			}
			default -> {
				if (rng.chance(0.85)) {
					rate(ratings, main[rng.nextInt(main.length)], mood, p, incidents, rng);
				}
				if (rng.chance(0.25)) {
					rate(ratings, Signal.values()[rng.nextInt(5)], mood, p, incidents, rng);
				}
			}
		}
		for (IncidentType incident : incidents) {
			// the signal an incident belongs to is the one the customer rates down
			if (ratings[incident.signal().ordinal()] == null && rng.chance(0.6)) {
				rate(ratings, incident.signal(), mood - 0.2, p, incidents, rng);
			}
		}
		double npsChance = switch (channel) {
			case SURVEY -> 0.9;
			case REVIEW_SITE -> 0.25;
			case SOCIAL -> 0.1;
			default -> 0.15;
		};
		double csatChance = switch (channel) {
			case SURVEY, REVIEW_SITE -> 0.85;
			case IN_PERSON -> 0.5;
			default -> 0.3;
		};
		double cesChance = switch (channel) {
			case SURVEY -> 0.6;
			case CHAT, PHONE -> 0.45;
			default -> 0.1;
		};
		Integer nps = rng.chance(npsChance) ? (int) clamp(Math.round(10 * (mood + 0.12 * rng.gaussian()) + 1.5), 0, 10)
				: null;
		Integer csat = rng.chance(csatChance) ? (int) clamp(Math.round(1.3 + 4 * (mood + 0.12 * rng.gaussian())), 1, 5)
				: null;
		Integer ces = rng.chance(cesChance) ? (int) clamp(Math.round(1.3 + 6 * (mood + 0.12 * rng.gaussian())), 1, 7)
				: null;
		boolean anything = incidents.size() > 0 || nps != null || csat != null || ces != null
				|| Arrays.stream(ratings).anyMatch(Objects::nonNull);
		if (!anything) {
			rate(ratings, main[0], mood, p, incidents, rng);
		}

		Tone tone = (mood < 0.45 || !incidents.isEmpty()) ? Tone.NEGATIVE
				: (mood < 0.65) ? Tone.NEUTRAL : Tone.POSITIVE;
		String comment = null;
		if (rng.chance(trouble || !incidents.isEmpty() ? 0.9 : 0.6)) {
			// most write in their own language; some Japanese customers write in English
			boolean japanese = p.japanese && rng.chance(0.85);
			comment = DemoComments.comment(japanese, category, tone, incidents, rng);
		}
		return new Entry(at, channel, category, ratings, nps, csat, ces, incidents, comment);
	}

	private static void rate(Integer[] ratings, Signal signal, double mood, Profile p, List<IncidentType> incidents,
			Rng rng) {
		ratings[signal.ordinal()] = rating(mood, p, signal, incidents, rng);
	}

	private static Integer rating(double mood, Profile p, Signal signal, List<IncidentType> incidents, Rng rng) {
		double m = mood + p.signalBias[signal.ordinal()];
		for (IncidentType incident : incidents) {
			if (incident.signal() == signal) {
				m -= 0.25;
			}
		}
		return (int) clamp(Math.round(1 + 4 * (m + 0.15 * rng.gaussian())), 1, 5);
	}

	/**
	 * An instant in [from, to): uniform, thinned by the season, the weekday, the hour and
	 * growth over the two years.
	 */
	private Instant time(Rng rng, Instant from, Instant to) {
		long span = Duration.between(from, to).getSeconds();
		Instant start = end.minus(SPAN);
		for (int attempt = 0; attempt < 1000; attempt++) {
			Instant candidate = from.plusSeconds((long) (rng.nextDouble() * span));
			ZonedDateTime local = candidate.atZone(zone);
			double season = 1 + 0.15 * StrictMath.sin(2 * StrictMath.PI * (local.getDayOfYear() - 80) / 365.0);
			double peak = switch (local.getMonth()) {
				case DECEMBER -> 1.3;
				case MARCH -> 1.2;
				case AUGUST -> 0.8;
				default -> 1.0;
			};
			double weekday = switch (local.getDayOfWeek()) {
				case SATURDAY, SUNDAY -> 0.45;
				default -> 1.0;
			};
			int hour = local.getHour();
			double office = (hour >= 9 && hour < 18) ? 1.0 : (hour >= 7 && hour < 22) ? 0.35 : 0.06;
			double growth = 0.8 + 0.4 * Duration.between(start, candidate).getSeconds() / (double) SPAN.getSeconds();
			double density = season * peak * weekday * office * growth;
			if (rng.nextDouble() * 1.15 * 1.3 * 1.2 < density) {
				return candidate;
			}
		}
		return from.plusSeconds((long) (rng.nextDouble() * span));
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

	private enum Trajectory {

		STEADY, SLIDING, RECOVERING

	}

	private record Profile(int index, String reference, String name, Segment segment, boolean japanese, double mood,
			double[] signalBias, double activity, Channel[] preferred, Trajectory trajectory) {
	}

	private record Entry(Instant at, Channel channel, Category category, Integer[] ratings, Integer nps, Integer csat,
			Integer ces, List<IncidentType> incidents, String comment) {
	}

}
