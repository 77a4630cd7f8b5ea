package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.scoring.FeedbackFixture.Draft;
import io.shinrai.scoring.FeedbackFixture.Row;

/**
 * The fast path (sums maintained through {@link io.shinrai.feedback.FeedbackLogged})
 * against the pure {@link TrustCalculator} on random feedback: customers (the ranked
 * list), segments, channels and the company, status and negative counts, NPS, CSAT and
 * CES, at instants before the first entry, exactly on entries, on day boundaries in the
 * business zone and in UTC, and at random. Scopes pool every row in the database, other
 * tests' rows too, so the reference reads them all.
 */
@IntegrationTest
class TrustSumsIntegrationTests {

	private static final double TOLERANCE = 1e-6;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TrustScores scores;

	@Autowired
	private CustomerRankings rankings;

	@Autowired
	private ScoringPolicies policies;

	@Value("${shinrai.business-time-zone}")
	private ZoneId zone;

	private FeedbackFixture fixture;

	/**
	 * The instant the random data is laid out around: over a year ago, so that entries
	 * "in the future" of it (up to 400 days after) are entries the application accepts
	 * today, and an asOf before them must leave them out.
	 */
	private final Instant now = Instant.now().minus(Duration.ofDays(401)).truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void setUp() {
		fixture = new FeedbackFixture(testFeedback, jdbc);
		new ScoringTestSupport(jdbc, policies).restoreDefaults();
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 7, 2026, 90210 })
	void fastPathAgreesWithTheCalculatorOnRandomFeedback(long seed) {
		Random random = new Random(seed);
		World world = new World(random, 3, 24);
		List<Long> ids = new ArrayList<>();
		for (int batch = 0; batch < 6; batch++) {
			List<Draft> drafts = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				drafts.add(FeedbackFixture.randomDraft(random, world.anyCustomer(), world.randomInstant()));
			}
			ids.addAll(fixture.storeBatch(drafts));
		}
		for (int i = 0; i < 30; i++) {
			ids.add(fixture.store(FeedbackFixture.randomDraft(random, world.anyCustomer(), world.randomInstant())));
		}
		// corrections: one moves an entry to another customer, day and channel; one
		// changes only its ratings
		fixture.correct(ids.get(3), FeedbackFixture.randomDraft(random, world.anyCustomer(), world.randomInstant()));
		Row kept = rowOf(ids.get(5));
		fixture.correct(ids.get(5), FeedbackFixture.randomDraft(random, kept.customerId(), kept.facts().receivedAt()));
		// a customer moves to another segment: its entries move between the segments'
		// sums
		fixture.changeSegment(world.customers.get(0), world.segments.get(1));

		assertAgreement(world, instants(random, world));
	}

	@Test
	void concurrentInsertsFromManyThreadsStayExact() throws Exception {
		Random random = new Random(4242);
		World world = new World(random, 2, 6);
		List<List<Draft>> perThread = new ArrayList<>();
		for (int thread = 0; thread < 6; thread++) {
			List<Draft> drafts = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				// few customers and a narrow time range, so that threads fight over the
				// same rows of sums
				Instant at = now.minus(Duration.ofHours(random.nextInt(72)));
				drafts.add(FeedbackFixture.randomDraft(random, world.anyCustomer(), at));
			}
			perThread.add(drafts);
		}
		ExecutorService pool = Executors.newFixedThreadPool(6);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (List<Draft> drafts : perThread) {
				done.add(pool.submit(() -> {
					for (int i = 0; i < drafts.size(); i++) {
						if (i % 10 == 9) {
							fixture.storeBatch(drafts.subList(i - 3, i + 1));
						}
						else if (i % 10 < 6) {
							fixture.store(drafts.get(i));
						}
					}
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			pool.shutdown();
		}
		assertAgreement(world, List.of(now, now.minus(Duration.ofHours(30)), now.plus(Duration.ofDays(1))));
	}

	@Test
	void entryExactlyAtTheInstantScoredCountsAndOneMicrosecondLaterDoesNot() {
		Random random = new Random(1);
		World world = new World(random, 1, 1);
		Instant at = now.minus(Duration.ofDays(3)).plusNanos(123_456_000);
		fixture.store(FeedbackFixture.randomDraft(random, world.customers.get(0), at));
		fixture.store(FeedbackFixture.randomDraft(random, world.customers.get(0), at.plusNanos(1_000)));

		assertAgreement(world, List.of(at, at.plusNanos(999), at.plusNanos(1_000), at.minusNanos(1)));
	}

	@Test
	void unfilteredListsRankEveryCustomerLikeTheCalculator() {
		Random random = new Random(99);
		World world = new World(random, 2, 10);
		for (int i = 0; i < 40; i++) {
			fixture.store(FeedbackFixture.randomDraft(random, world.anyCustomer(), world.randomInstant()));
		}
		List<Row> rows = fixture.allRows();
		ScoringPolicy policy = scores.activePolicy();
		long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
		Map<Long, List<FeedbackFacts>> byCustomer = new java.util.HashMap<>();
		rows.forEach(row -> byCustomer.computeIfAbsent(row.customerId(), id -> new ArrayList<>()).add(row.facts()));
		for (Instant at : List.of(now, now.minus(Duration.ofDays(200)))) {
			for (CustomerSort sort : CustomerSort.values()) {
				List<RankedCustomer> all = new ArrayList<>();
				for (int page = 0;; page++) {
					CustomerRankingPage result = rankings.find(new CustomerRankingQuery(null, null, null, null, sort,
							page, CustomerRankingQuery.MAX_SIZE, at));
					assertThat(result.total()).isEqualTo(customers);
					all.addAll(result.customers());
					if (!result.hasNext()) {
						break;
					}
				}
				assertThat(all).hasSize((int) customers);
				assertThat(all.stream().map(RankedCustomer::id).distinct()).hasSize((int) customers);
				boolean tail = false;
				for (int i = 0; i < all.size(); i++) {
					RankedCustomer customer = all.get(i);
					List<FeedbackFacts> facts = byCustomer.getOrDefault(customer.id(), List.of());
					TrustScore expected = TrustCalculator.score(observations(facts, policy), policy, at);
					assertThat(customer.trust() == null).as(customer.reference()).isEqualTo(!expected.hasData());
					if (expected.hasData()) {
						assertThat(customer.trust()).as(customer.reference())
							.isCloseTo(expected.trust(), within(TOLERANCE));
					}
					Object key = switch (sort) {
						case LAST_FEEDBACK -> customer.lastFeedbackAt();
						case NAME -> customer.name();
						default -> customer.trust();
					};
					if (tail) {
						assertThat(key).as("no data or no feedback sorts last").isNull();
					}
					tail |= key == null;
					if (i > 0 && key != null && sort == CustomerSort.TRUST) {
						assertThat(customer.trust()).isGreaterThanOrEqualTo(all.get(i - 1).trust());
					}
					if (i > 0 && key != null && sort == CustomerSort.TRUST_DESC) {
						assertThat(customer.trust()).isLessThanOrEqualTo(all.get(i - 1).trust());
					}
				}
			}
			for (Band band : Band.values()) {
				long expected = byCustomer.values()
					.stream()
					.map(facts -> TrustCalculator.score(observations(facts, policy), policy, at))
					.filter(score -> score.band() == band)
					.count();
				assertThat(rankings.find(new CustomerRankingQuery(null, null, band, null, CustomerSort.TRUST, 0, 1, at))
					.total()).as(band.name()).isEqualTo(expected);
			}
			long ok = customers - byCustomer.values()
				.stream()
				.filter(facts -> TrustCalculator.negativeCount(facts, policy, at) > 0)
				.count();
			assertThat(rankings
				.find(new CustomerRankingQuery(null, null, null, CustomerStatus.OK, CustomerSort.TRUST, 0, 1, at))
				.total()).isEqualTo(ok);
		}
	}

	// ---------------------------------------------------------------------------------------------------------------

	private void assertAgreement(World world, List<Instant> instants) {
		assertRollUpsMatchTheDayRows();
		List<Row> rows = fixture.allRows();
		ScoringPolicy policy = scores.activePolicy();
		for (Instant at : instants) {
			String when = " as of " + at;
			assertScope("company" + when, scores.forScope(Scope.company(), at), rows, row -> true, policy, at);
			for (String segment : world.segments) {
				assertScope(segment + when, scores.forScope(new Scope(segment, null), at), rows,
						row -> row.segment().equals(segment), policy, at);
			}
			for (Channel channel : Channel.values()) {
				assertScope(channel + when, scores.forScope(new Scope(null, channel), at), rows,
						row -> row.channel() == channel, policy, at);
			}
			String segment = world.segments.get(0);
			assertScope(segment + "/EMAIL" + when, scores.forScope(new Scope(segment, Channel.EMAIL), at), rows,
					row -> row.segment().equals(segment) && row.channel() == Channel.EMAIL, policy, at);

			Map<String, TrustScore> bySegment = scores.breakdown(Scope.company(), at).bySegment();
			for (String s : world.segments) {
				TrustScore expected = score(rows, row -> row.segment().equals(s), policy, at);
				if (expected.evidence() > 0) {
					assertSameScore("bySegment " + s + when, bySegment.get(s), expected);
				}
				else {
					assertThat(bySegment).doesNotContainKey(s);
				}
			}
			Map<Channel, TrustScore> byChannel = scores.breakdown(Scope.company(), at).byChannel();
			for (Channel channel : Channel.values()) {
				TrustScore expected = score(rows, row -> row.channel() == channel, policy, at);
				if (expected.evidence() > 0) {
					assertSameScore("byChannel " + channel + when, byChannel.get(channel), expected);
				}
			}
			assertCustomers(world, rows, policy, at);
		}
		// a trend over all the instants at once (a segment's from the rows per day,
		// segment
		// and channel; the company's from its own day rows), and NPS/CSAT/CES, entries
		// and
		// incidents over periods [from, to): consecutive instants, and the longest
		// period, which spans whole months
		List<Instant> sorted = instants.stream().sorted().toList();
		String segment = world.segments.get(0);
		List<TrustScore> trend = scores.history(new Scope(segment, null), sorted)
			.stream()
			.map(ScopeTrust::score)
			.toList();
		List<ScopeTrust> companyTrend = scores.history(Scope.company(), sorted);
		for (int i = 0; i < sorted.size(); i++) {
			Instant at = sorted.get(i);
			assertSameScore("trend " + at, trend.get(i), score(rows, row -> row.segment().equals(segment), policy, at));
			assertSameScore("company trend " + at, companyTrend.get(i).score(), score(rows, row -> true, policy, at));
			assertThat(companyTrend.get(i).satisfaction()).as("company trend " + at)
				.satisfies(metrics -> assertSameMetrics(metrics,
						SatisfactionMetrics.of(inWindow(rows, row -> true, policy, at), Instant.MIN, Instant.MAX)));
		}
		List<Instant[]> periods = new ArrayList<>();
		for (int i = 1; i < sorted.size(); i++) {
			periods.add(new Instant[] { sorted.get(i - 1), sorted.get(i) });
		}
		periods.add(new Instant[] { sorted.get(0), sorted.get(sorted.size() - 1) });
		for (Instant[] period : periods) {
			Instant from = period[0];
			Instant to = period[1];
			List<Row> received = rows.stream()
				.filter(row -> !row.facts().receivedAt().isBefore(from) && row.facts().receivedAt().isBefore(to))
				.toList();
			List<ActivityCounts> cells = scores.activity(from, to);
			for (Scope scope : List.of(Scope.company(), new Scope(segment, null), new Scope(null, Channel.EMAIL),
					new Scope(segment, Channel.EMAIL))) {
				String what = "period " + from + " – " + to + " of " + scope;
				List<Row> inScope = received.stream()
					.filter(row -> (scope.segment() == null || scope.segment().equals(row.segment()))
							&& (scope.channel() == null || scope.channel() == row.channel()))
					.toList();
				ActivityCounts counts = ActivityCounts.total(cells, scope);
				assertThat(counts.entries()).as(what + " entries").isEqualTo(inScope.size());
				assertThat(counts.satisfaction()).as(what)
					.satisfies(metrics -> assertSameMetrics(metrics, SatisfactionMetrics
						.of(inScope.stream().map(Row::facts).toList(), Instant.MIN, Instant.MAX)));
				Map<IncidentType, Long> incidents = new EnumMap<>(IncidentType.class);
				inScope.forEach(row -> row.facts().incidents().forEach(type -> incidents.merge(type, 1L, Long::sum)));
				assertThat(counts.incidents()).as(what + " incidents").isEqualTo(incidents);
			}
		}
	}

	/**
	 * The company's day rows and the monthly roll-ups hold exactly what the rows per day,
	 * segment and channel add up to (shards added up), whatever wrote them.
	 */
	private void assertRollUpsMatchTheDayRows() {
		String values = ScoringSql.dayColumns("sum(%1$s) as %1$s");
		List<Map<String, Object>> totals = jdbc
			.sql("select basis_id, day, " + values + " from trust_daily_totals group by basis_id, day"
					+ " order by basis_id, day")
			.query()
			.listOfRows();
		List<Map<String, Object>> fromDays = jdbc
			.sql("select basis_id, day, " + values + " from trust_daily_sums group by basis_id, day"
					+ " order by basis_id, day")
			.query()
			.listOfRows();
		assertSameRows("company day rows", totals, fromDays);
		List<Map<String, Object>> months = jdbc
			.sql("select basis_id, month, segment, channel, " + values + " from trust_monthly_sums"
					+ " group by basis_id, month, segment, channel having sum(entries) > 0"
					+ " order by basis_id, month, segment, channel")
			.query()
			.listOfRows();
		List<Map<String, Object>> monthsFromDays = jdbc
			.sql("select basis_id, date_trunc('month', day)::date as month, segment, channel, " + values
					+ " from trust_daily_sums group by basis_id, 2, segment, channel having sum(entries) > 0"
					+ " order by basis_id, 2, segment, channel")
			.query()
			.listOfRows();
		assertSameRows("monthly roll-ups", months, monthsFromDays);
	}

	private static void assertSameRows(String what, List<Map<String, Object>> actual,
			List<Map<String, Object>> expected) {
		assertThat(actual).as(what).hasSameSizeAs(expected);
		for (int i = 0; i < expected.size(); i++) {
			Map<String, Object> e = expected.get(i);
			Map<String, Object> a = actual.get(i);
			assertThat(a.keySet()).as(what).isEqualTo(e.keySet());
			for (String column : e.keySet()) {
				if (e.get(column) instanceof Double value) {
					assertThat((Double) a.get(column)).as(what + " " + e + " " + column)
						.isCloseTo(value, within(TOLERANCE * Math.max(1, Math.abs(value))));
				}
				else {
					assertThat(String.valueOf(a.get(column))).as(what + " " + column + " of " + e)
						.isEqualTo(String.valueOf(e.get(column)));
				}
			}
		}
	}

	private static List<FeedbackFacts> inWindow(List<Row> rows, Predicate<Row> inScope, ScoringPolicy policy,
			Instant at) {
		Duration window = Duration.ofDays(policy.riskWindowDays());
		return rows.stream().filter(inScope).map(Row::facts).filter(f -> {
			Duration age = Duration.between(f.receivedAt(), at);
			return !age.isNegative() && age.compareTo(window) < 0;
		}).toList();
	}

	private void assertScope(String what, ScopeTrust actual, List<Row> rows, Predicate<Row> inScope,
			ScoringPolicy policy, Instant at) {
		assertSameScore(what, actual.score(), score(rows, inScope, policy, at));
		assertThat(actual.satisfaction()).as(what)
			.satisfies(metrics -> assertSameMetrics(metrics,
					SatisfactionMetrics.of(inWindow(rows, inScope, policy, at), Instant.MIN, Instant.MAX)));
	}

	private void assertCustomers(World world, List<Row> rows, ScoringPolicy policy, Instant at) {
		CustomerRankingPage page = rankings.find(new CustomerRankingQuery(world.prefix, null, null, null,
				CustomerSort.TRUST, 0, CustomerRankingQuery.MAX_SIZE, at));
		assertThat(page.total()).isEqualTo(world.customers.size());
		Double previous = null;
		boolean noDataSeen = false;
		for (RankedCustomer customer : page.customers()) {
			String what = customer.reference() + " as of " + at;
			List<FeedbackFacts> facts = rows.stream()
				.filter(row -> row.customerId() == customer.id())
				.map(Row::facts)
				.toList();
			TrustScore expected = TrustCalculator.score(observations(facts, policy), policy, at);
			assertThat(customer.trust() == null).as(what).isEqualTo(!expected.hasData());
			if (expected.hasData()) {
				assertThat(customer.trust()).as(what).isCloseTo(expected.trust(), within(TOLERANCE));
				assertBand(what, customer.band(), expected);
			}
			assertThat(customer.negativeCount()).as(what).isEqualTo(TrustCalculator.negativeCount(facts, policy, at));
			assertThat(customer.status()).as(what)
				.isEqualTo(CustomerStatus.of(TrustCalculator.negativeCount(facts, policy, at), policy));
			// lowest first, no data last
			if (noDataSeen) {
				assertThat(customer.trust()).as(what + " (no data sorts last)").isNull();
			}
			else if (previous != null && customer.trust() != null) {
				assertThat(customer.trust()).as(what).isGreaterThanOrEqualTo(previous);
			}
			noDataSeen |= customer.trust() == null;
			previous = customer.trust();

			CustomerTrust direct = scores.forCustomer(customer.id(), at);
			assertSameScore(what, direct.score(), expected);
			assertThat(direct.negativeCount()).as(what).isEqualTo(customer.negativeCount());
		}
	}

	private static TrustScore score(List<Row> rows, Predicate<Row> inScope, ScoringPolicy policy, Instant at) {
		return TrustCalculator.score(observations(rows.stream().filter(inScope).map(Row::facts).toList(), policy),
				policy, at);
	}

	private static List<Observation> observations(Collection<FeedbackFacts> facts, ScoringPolicy policy) {
		List<Observation> observations = new ArrayList<>();
		facts.forEach(fact -> observations.addAll(fact.observations(policy)));
		return observations;
	}

	static void assertSameScore(String what, TrustScore actual, TrustScore expected) {
		assertThat(actual).as(what).isNotNull();
		assertThat(actual.hasData()).as(what + " has data").isEqualTo(expected.hasData());
		assertThat(actual.evidence()).as(what + " evidence").isCloseTo(expected.evidence(), within(TOLERANCE));
		if (expected.hasData()) {
			assertThat(actual.trust()).as(what + " trust").isCloseTo(expected.trust(), within(TOLERANCE));
			assertBand(what, actual.band(), expected);
		}
		for (Signal signal : Signal.values()) {
			SignalScore e = expected.signal(signal);
			SignalScore a = actual.signal(signal);
			assertThat(a.evidence()).as(what + " " + signal + " evidence").isCloseTo(e.evidence(), within(TOLERANCE));
			if (e.score() == null) {
				assertThat(a.score()).as(what + " " + signal).isNull();
			}
			else {
				assertThat(a.score()).as(what + " " + signal).isCloseTo(e.score(), within(TOLERANCE));
			}
		}
	}

	/**
	 * Bands agree, except when the trust is within rounding of a threshold (then either
	 * band is right).
	 */
	private static void assertBand(String what, Band actual, TrustScore expected) {
		ScoringPolicy policy = ScoringPolicy.defaults();
		boolean onThreshold = Math.abs(expected.trust() - policy.lowThreshold()) < 1e-9
				|| Math.abs(expected.trust() - policy.highThreshold()) < 1e-9;
		if (!onThreshold) {
			assertThat(actual).as(what + " band").isEqualTo(expected.band());
		}
	}

	private static void assertSameMetrics(SatisfactionMetrics actual, SatisfactionMetrics expected) {
		assertThat(actual.npsResponses()).isEqualTo(expected.npsResponses());
		assertThat(actual.csatResponses()).isEqualTo(expected.csatResponses());
		assertThat(actual.cesResponses()).isEqualTo(expected.cesResponses());
		assertClose(actual.nps(), expected.nps());
		assertClose(actual.csat(), expected.csat());
		assertClose(actual.ces(), expected.ces());
	}

	private static void assertClose(Double actual, Double expected) {
		if (expected == null) {
			assertThat(actual).isNull();
		}
		else {
			assertThat(actual).isCloseTo(expected, within(TOLERANCE));
		}
	}

	private Row rowOf(long id) {
		return fixture.allRows().stream().filter(row -> row.id() == id).findFirst().orElseThrow();
	}

	/**
	 * Instants that matter: before everything, on entries, on day boundaries (business
	 * zone and UTC), at random.
	 */
	private List<Instant> instants(Random random, World world) {
		List<Row> rows = fixture.allRows();
		List<Instant> instants = new ArrayList<>();
		Instant first = rows.stream().map(row -> row.facts().receivedAt()).min(Instant::compareTo).orElseThrow();
		instants.add(first.minusSeconds(1));
		for (int i = 0; i < 3; i++) {
			instants.add(rows.get(random.nextInt(rows.size())).facts().receivedAt());
		}
		LocalDate day = LocalDate.ofInstant(now, zone).minusDays(random.nextInt(400));
		instants.add(day.atStartOfDay(zone).toInstant());
		instants.add(day.atStartOfDay(ZoneOffset.UTC).toInstant());
		instants.add(world.dayBoundaryEntry);
		instants.add(now);
		instants.add(now.plus(Duration.ofDays(500)));
		// the present too, where a cut in the last minute is read differently
		instants.add(Instant.now());
		for (int i = 0; i < 2; i++) {
			instants.add(world.randomInstant());
		}
		return instants;
	}

	/**
	 * Customers of this test in segments of their own, and where their feedback falls in
	 * time.
	 */
	private final class World {

		final String prefix = "T-" + UUID.randomUUID().toString().substring(0, 8) + "-";

		final List<String> segments = new ArrayList<>();

		final List<Long> customers = new ArrayList<>();

		final Random random;

		final Instant dayBoundaryEntry;

		World(Random random, int segmentCount, int customerCount) {
			this.random = random;
			for (int i = 0; i < segmentCount; i++) {
				segments.add(prefix + "segment-" + i);
			}
			for (int i = 0; i < customerCount; i++) {
				customers.add(fixture.customer(prefix + i, "Customer " + prefix + i, segments.get(i % segmentCount)));
			}
			dayBoundaryEntry = LocalDate.ofInstant(now, zone).minusDays(20).atStartOfDay(zone).toInstant();
		}

		long anyCustomer() {
			return customers.get(random.nextInt(customers.size()));
		}

		/**
		 * Mostly within two years before now, some in the future, some exactly at
		 * midnight (business zone, UTC).
		 */
		Instant randomInstant() {
			return switch (random.nextInt(12)) {
				case 0 -> now.plus(Duration.ofSeconds(1 + random.nextInt(86_400 * 400)));
				case 1 -> dayBoundaryEntry;
				case 2 -> LocalDate.ofInstant(now, ZoneOffset.UTC)
					.minusDays(random.nextInt(700))
					.atStartOfDay(ZoneOffset.UTC)
					.toInstant();
				case 3 -> LocalDate.ofInstant(now, zone).minusDays(random.nextInt(700)).atStartOfDay(zone).toInstant();
				default -> now.minus(Duration.ofSeconds(random.nextInt(86_400 * 730)))
					.plusNanos(1000L * random.nextInt(1_000_000));
			};
		}

	}

}
