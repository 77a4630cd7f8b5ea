package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.privacy.Erasures;
import io.shinrai.privacy.Retention;
import io.shinrai.privacy.RetentionVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Comments emptied by an erasure or by retention stop counting in the themes, and none of
 * their words stays in the term tables.
 */
@IntegrationTest
@AutoConfigureMockMvc
class EmptiedCommentTermsIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private static final List<String> FILLER = List.of("担当者の対応は丁寧でした", "価格は妥当だと思います", "Staff were friendly",
			"The price seems fair", "また利用したいです", "Website is easy to use");

	private static final List<String> TABLES = List.of("insight_term_day", "insight_term_month", "insight_term_day_all",
			"insight_term_month_all");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private TermCountMaintenance maintenance;

	@Autowired
	private Erasures erasures;

	@Autowired
	private Retention retention;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	private final Random random = new Random();

	private String japanese = katakana();

	private String english = "zq" + letters() + "x";

	@AfterEach
	void retentionOff() {
		RetentionVersion active = retention.active();
		if (!active.isOff()) {
			retention.change(null, null, "back to off after a test", active.version(), TestUsers.ADMIN);
		}
	}

	private String katakana() {
		String alphabet = "ガギグゲゴザジズゼゾバビブベボ";
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			word.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return word.toString();
	}

	private String letters() {
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < 6; i++) {
			word.append((char) ('b' + random.nextInt(20)));
		}
		return word.toString();
	}

	/**
	 * The customer of the unique words writes 30 negative comments with each; another
	 * customer 30 with a common phrase; others 60 plain positive ones. Returns the
	 * reference of the first customer.
	 */
	private String planted(InsightFixtures fixtures, Instant at) {
		String erased = fixtures.customer();
		String other = fixtures.customer();
		for (int i = 0; i < 30; i++) {
			Instant when = at.minus(Duration.ofHours(1 + i));
			fixtures.add(erased, when, Channel.EMAIL, entry -> entry.nps(2).comment(japanese + "が壊れていました。"));
			fixtures.add(erased, when, Channel.EMAIL,
					entry -> entry.nps(2).comment("The " + english + " broke on the first day."));
			fixtures.add(other, when, Channel.EMAIL, entry -> entry.nps(2).comment("配送が遅れた。"));
		}
		for (int i = 0; i < 60; i++) {
			String comment = FILLER.get(random.nextInt(FILLER.size()));
			fixtures.add(fixtures.customer(), at.minus(Duration.ofHours(1 + i % 30)), Channel.SURVEY,
					entry -> entry.nps(9).comment(comment));
		}
		fixtures.store();
		maintenance.catchUp();
		return erased;
	}

	private String themesApi(InsightFixtures fixtures, LocalDate day) throws Exception {
		return mvc
			.perform(get("/api/v1/insights/themes").param("from", day.minusDays(2).toString())
				.param("to", day.toString())
				.param("segment", fixtures.segment())
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	/** Rows of every term table that hold one of the unique words. */
	private long rowsWithTheWords() {
		long rows = 0;
		for (String table : TABLES) {
			rows += jdbc.sql("select count(*) from " + table + " where term like ? or term like ?")
				.param("%" + japanese + "%")
				.param("%" + english.substring(0, 6) + "%")
				.query(Long.class)
				.single();
		}
		rows += jdbc
			.sql("select count(*) from insight_term_surface where term like ? or term like ? or surface like ?"
					+ " or surface like ?")
			.param("%" + japanese + "%")
			.param("%" + english.substring(0, 6) + "%")
			.param("%" + japanese + "%")
			.param("%" + english.substring(0, 6) + "%")
			.query(Long.class)
			.single();
		rows += jdbc
			.sql("select count(*) from insight_entry_terms where array_to_string(terms || surfaces, ' ') like ?"
					+ " or array_to_string(terms || surfaces, ' ') like ?")
			.param("%" + japanese + "%")
			.param("%" + english.substring(0, 6) + "%")
			.query(Long.class)
			.single();
		return rows;
	}

	private long customerId(String reference) {
		return jdbc.sql("select id from customer where reference = ?").param(reference).query(Long.class).single();
	}

	private long entriesOf(InsightFixtures fixtures, String term, LocalDate day) {
		return jdbc
			.sql("select coalesce(sum(entries), 0) from insight_term_day where segment = ? and term = ?"
					+ " and day between ? and ?")
			.param(fixtures.segment())
			.param(term)
			.param(day.minusDays(2))
			.param(day)
			.query(Long.class)
			.single();
	}

	@Test
	void anErasedCustomersWordsLeaveTheThemesAndEveryTermTable() throws Exception {
		InsightFixtures fixtures = new InsightFixtures(log);
		Instant now = Instant.now();
		LocalDate today = LocalDate.now(ZONE);
		String reference = planted(fixtures, now);
		String before = themesApi(fixtures, today);
		assertThat(before).contains(japanese).contains(english);
		assertThat(rowsWithTheWords()).isPositive();
		long othersDelay = entriesOf(fixtures, "配送 遅れる", today);
		long entriesBefore = entriesOf(fixtures, TermCountMaintenance.ENTRIES, today);
		assertThat(othersDelay).isEqualTo(30);

		erasures.erase(customerId(reference), "asked to be forgotten", TestUsers.ADMIN);
		maintenance.catchUp();

		assertThat(maintenance.pending()).isZero();
		String after = themesApi(fixtures, today);
		assertThat(after).doesNotContain(japanese).doesNotContain(english).contains("配送が遅れ");
		assertThat(rowsWithTheWords()).isZero();
		assertThat(entriesOf(fixtures, "配送 遅れる", today)).isEqualTo(othersDelay);
		assertThat(entriesOf(fixtures, TermCountMaintenance.ENTRIES, today)).isEqualTo(entriesBefore - 60);
	}

	@Test
	void commentsEmptiedByRetentionLeaveEveryTermTable() {
		InsightFixtures recent = new InsightFixtures(log);
		LocalDate today = LocalDate.now(ZONE);
		planted(recent, Instant.now());
		long recentEntries = entriesOf(recent, TermCountMaintenance.ENTRIES, today);
		long recentDelay = entriesOf(recent, "配送 遅れる", today);
		// the old comments use words of their own
		japanese = katakana();
		english = "zq" + letters() + "x";
		InsightFixtures fixtures = new InsightFixtures(log);
		Instant old = Instant.parse("2000-06-10T00:00:00Z");
		LocalDate oldDay = LocalDate.ofInstant(old, ZONE);
		planted(fixtures, old);
		assertThat(rowsWithTheWords()).isPositive();
		assertThat(entriesOf(fixtures, "配送 遅れる", oldDay)).isEqualTo(30);

		retention.change(24 * 12, null, "keep texts for 24 years", retention.active().version(), TestUsers.ADMIN);
		retention.apply(Instant.now());
		maintenance.catchUp();

		assertThat(rowsWithTheWords()).isZero();
		assertThat(entriesOf(fixtures, TermCountMaintenance.ENTRIES, oldDay)).isZero();
		assertThat(entriesOf(fixtures, "配送 遅れる", oldDay)).isZero();
		assertThat(jdbc.sql("select count(*) from insight_entry_terms where day <= ? and segment = ?")
			.param(oldDay)
			.param(fixtures.segment())
			.query(Long.class)
			.single()).isZero();
		assertThat(entriesOf(recent, TermCountMaintenance.ENTRIES, today)).isEqualTo(recentEntries);
		assertThat(entriesOf(recent, "配送 遅れる", today)).isEqualTo(recentDelay);
	}

}
