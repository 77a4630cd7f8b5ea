package io.shinrai.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;

/**
 * The database's scoring view and functions are the rule of the Java definition: the
 * functions are exactly {@code R__scoring.sql} with {@link ScoringSql}'s fragments, the
 * view scores a rating and an incident as {@link Observation} does, and the migration
 * writes no threshold or points of its own.
 */
@IntegrationTest
class ScoringSchemaIntegrationTests {

	private static final Pattern FUNCTION = Pattern.compile("create or replace function (\\w+)\\(.*?\\$\\$(.*?)\\$\\$;",
			Pattern.DOTALL);

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void databaseFunctionsAreTheMigrationWithTheJavaRule() throws IOException {
		String migration = generatedMigration();
		Matcher function = FUNCTION.matcher(migration);
		int functions = 0;
		while (function.find()) {
			String stored = jdbc.sql("select prosrc from pg_proc where proname = ?")
				.param(function.group(1))
				.query(String.class)
				.single();
			assertThat(stored).as(function.group(1)).isEqualTo(function.group(2));
			functions++;
		}
		assertThat(functions).isEqualTo(6);
		assertThat(migration).contains("count(*) filter (where nps >= 9) as nps_promoters")
			.contains("count(*) filter (where nps <= 6) as nps_detractors")
			.contains("count(*) filter (where csat >= 4) as csat_top2")
			.contains("pg_advisory_xact_lock(" + ScoringSql.SUMS_LOCK + ")");
	}

	@Test
	void migrationWritesNoPartOfTheRuleItself() throws IOException {
		String migration = new String(resource().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(migration).doesNotContainPattern("(nps|csat|ces|rating_\\w+)\\s*(<|<=|>|>=|=)\\s*\\d")
			.doesNotContainPattern("\\b25\\s*\\*")
			.doesNotContainPattern("lock(_shared)?\\(\\d");
	}

	@Test
	void viewScoresRatingsAndIncidentsAsObservationsDo() {
		long basisId = jdbc
			.sql("select id from scoring_basis where state in ('BUILDING', 'READY') and time_zone is not null"
					+ " order by id limit 1")
			.query(Long.class)
			.single();
		// at the landmark the forward decay is 2^0 = 1: the view shows points and base
		// weights as they are
		Instant landmark = jdbc.sql("select landmark from scoring_basis where id = ?")
			.param(basisId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant();
		FeedbackFixture fixture = new FeedbackFixture(testFeedback, jdbc);
		long customer = fixture.customer("SCHEMA-" + UUID.randomUUID(), "Schema check", "Schema");
		for (int rating = 1; rating <= 5; rating++) {
			Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
			for (Signal signal : Signal.values()) {
				ratings.put(signal, rating);
			}
			List<IncidentType> incidents = List.of(IncidentType.values()[rating % IncidentType.values().length]);
			long id = fixture.store(new FeedbackFixture.Draft(customer, landmark, Channel.EMAIL, Category.OTHER,
					ratings, null, null, null, incidents));
			Map<String, Object> row = jdbc
				.sql("select " + SumColumns.PLAIN + " from scoring_contribution where basis_id = ? and feedback_id = ?")
				.param(basisId)
				.param(id)
				.query()
				.singleRow();
			for (Signal signal : Signal.values()) {
				Observation observation = Observation.rating(signal, rating, landmark);
				double severity = incidents.get(0).signal() == signal ? severity(basisId, incidents.get(0)) : 0;
				assertThat(((Number) row.get("wp_" + signal.key())).doubleValue()).as("points of %s", signal)
					.isCloseTo(observation.points() * observation.baseWeight(), within(1e-12));
				assertThat(((Number) row.get("w_" + signal.key())).doubleValue()).as("weight of %s", signal)
					.isCloseTo(observation.baseWeight() + severity, within(1e-12));
			}
		}
	}

	private double severity(long basisId, IncidentType type) {
		return jdbc.sql("select (severities ->> ?)::float8 from scoring_basis where id = ?")
			.param(type.name())
			.param(basisId)
			.query(Double.class)
			.single();
	}

	private static String generatedMigration() throws IOException {
		String migration = new String(resource().readAllBytes(), StandardCharsets.UTF_8);
		for (Map.Entry<String, String> placeholder : ScoringSql.placeholders().entrySet()) {
			migration = migration.replace("${" + placeholder.getKey() + "}", placeholder.getValue());
		}
		assertThat(migration).doesNotContain("${");
		return migration;
	}

	private static InputStream resource() {
		return ScoringSchemaIntegrationTests.class.getResourceAsStream("/db/migration/R__scoring.sql");
	}

}
