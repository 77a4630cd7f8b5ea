package io.shinrai.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackFilter;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.StoredFeedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class ThemesIntegrationTests {

	private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private static final List<String> JAPANESE_FILLER = List.of("担当者の対応は丁寧でした", "価格は妥当だと思います", "説明が分かりやすかった",
			"また利用したいです", "商品の品質は普通です", "サイトが使いやすい", "電話がつながりやすい");

	private static final List<String> ENGLISH_FILLER = List.of("Staff were friendly", "The price seems fair",
			"Website is easy to use", "Would use the service again", "Product quality is fine",
			"Phone support answered quickly");

	@Autowired
	private FeedbackLog log;

	@Autowired
	private Themes themes;

	@Autowired
	private TermCountMaintenance maintenance;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private JdbcClient jdbc;

	private final Random random = new Random(7);

	private final Instant now = Instant.now();

	private final LocalDate today = LocalDate.now(ZONE);

	/**
	 * 30 negative entries mention the planted phrase besides common filler, 50 others
	 * only the filler: the theme of the negative entries is the planted phrase and
	 * nothing else.
	 */
	private InsightFixtures planted(String phrase, List<String> filler) {
		InsightFixtures fixtures = new InsightFixtures(log);
		for (int i = 0; i < 30; i++) {
			String comment = filler.get(random.nextInt(filler.size())) + "。" + phrase + "。";
			fixtures.add(fixtures.customer(), now.minus(Duration.ofDays(1 + i)), Channel.EMAIL,
					entry -> entry.nps(2).comment(comment));
		}
		for (int i = 0; i < 50; i++) {
			String comment = filler.get(random.nextInt(filler.size())) + "。"
					+ filler.get(random.nextInt(filler.size()));
			fixtures.add(fixtures.customer(), now.minus(Duration.ofDays(1 + i % 40)), Channel.SURVEY,
					entry -> entry.nps(9).comment(comment));
		}
		fixtures.store();
		maintenance.catchUp();
		return fixtures;
	}

	private InsightFilter lastSixtyDays(InsightFixtures fixtures) {
		return new InsightFilter(today.minusDays(59), today, fixtures.segment(), null);
	}

	@Test
	void findsAPlantedJapaneseThemeAndNothingElse() {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		Themes.ThemeReport report = themes.themes(lastSixtyDays(fixtures));
		assertThat(report.negativeEntries()).isEqualTo(30);
		assertThat(report.otherEntries()).isEqualTo(50);
		assertThat(report.negative()).isNotEmpty();
		assertThat(report.negative()).extracting(Themes.Theme::term).isSubsetOf(Set.of("配送", "遅れる", "配送 遅れる"));
		Themes.Theme top = report.negative().get(0);
		assertThat(top.term()).isEqualTo("配送 遅れる");
		assertThat(top.surface()).isEqualTo("配送が遅れ");
		assertThat(top.count()).isEqualTo(30);
		assertThat(top.otherCount()).isZero();
	}

	@Test
	void findsAPlantedEnglishThemeShownAsWritten() {
		InsightFixtures fixtures = planted("The invoice was wrong", ENGLISH_FILLER);
		Themes.ThemeReport report = themes.themes(lastSixtyDays(fixtures));
		assertThat(report.negative()).extracting(Themes.Theme::term)
			.isSubsetOf(Set.of("invoic", "wrong", "invoic wrong"));
		assertThat(report.negative().get(0).surface()).isEqualTo("invoice was wrong");
		assertThat(report.negative().get(0).count()).isEqualTo(30);
	}

	@Test
	void aThemeOpensToExactlyTheEntriesBehindItsCount() {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		InsightFilter filter = lastSixtyDays(fixtures);
		Themes.Theme top = themes.themes(filter).negative().get(0);
		long listed = log
			.search(new FeedbackFilter(filter.start(ZONE), filter.end(ZONE), null, null, true, null, null, null,
					top.surface(), fixtures.segment()), 0, 100)
			.getTotalElements();
		assertThat(listed).isEqualTo(top.count());
	}

	@Test
	void comparesWithThePreviousPeriodOfTheSameLength() {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		for (int i = 0; i < 4; i++) {
			fixtures.add(fixtures.customer(), now.minus(Duration.ofDays(70 + i)), Channel.EMAIL,
					entry -> entry.nps(1).comment("配送が遅れた"));
		}
		fixtures.store();
		maintenance.catchUp();
		Themes.Theme top = themes.themes(lastSixtyDays(fixtures)).negative().get(0);
		assertThat(top.previousCount()).isEqualTo(4);
		assertThat(top.change()).isEqualTo(26);
	}

	@Test
	void aCorrectionMovesItsTermsToWhereTheEntryIsNow() {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		InsightFilter filter = lastSixtyDays(fixtures);
		StoredFeedback planted = log
			.search(new FeedbackFilter(filter.start(ZONE), filter.end(ZONE), null, null, true, null, null, null,
					"配送が遅れ", fixtures.segment()), 0, 1)
			.getContent()
			.get(0);
		var corrected = planted.toNewFeedback();
		log.correct(planted.id(),
				new io.shinrai.feedback.NewFeedback(corrected.customerRef(), null, null, corrected.receivedAt(),
						corrected.channel(), corrected.category(), corrected.ratings(), 10, null, null,
						corrected.incidents(), "とても満足しています", corrected.externalId(), null, corrected.source(),
						corrected.loggedBy(), null),
				planted.version(), "test");
		maintenance.catchUp();
		Themes.ThemeReport report = themes.themes(filter);
		assertThat(report.negativeEntries()).isEqualTo(29);
		assertThat(report.otherEntries()).isEqualTo(51);
		assertThat(report.negative().get(0).count()).isEqualTo(29);
	}

	@Test
	void theApiListsTheSameThemes() throws Exception {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		Themes.ThemeReport report = themes.themes(lastSixtyDays(fixtures));
		mvc.perform(get("/api/v1/insights/themes").param("from", today.minusDays(59).toString())
			.param("to", today.toString())
			.param("segment", fixtures.segment())
			.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.negative", hasSize(report.negative().size())))
			.andExpect(jsonPath("$.negative[0].term").value("配送が遅れ"))
			.andExpect(jsonPath("$.negative[0].count").value(30))
			.andExpect(jsonPath("$.negative[0].score").value(report.negative().get(0).score()))
			.andExpect(jsonPath("$.negativeEntries").value(30));
	}

	@Test
	void aRebuildCountsEverythingAgainToTheSameFigures() {
		InsightFixtures fixtures = planted("The invoice was wrong", ENGLISH_FILLER);
		Themes.ThemeReport before = themes.themes(lastSixtyDays(fixtures));
		maintenance.rebuild();
		maintenance.catchUp();
		Themes.ThemeReport after = themes.themes(lastSixtyDays(fixtures));
		assertThat(after.negative()).isEqualTo(before.negative());
		assertThat(after.otherEntries()).isEqualTo(before.otherEntries());
	}

	/**
	 * The whole company's counts are the per-segment-and-channel counts added up: after
	 * entries are stored, after a correction moves one to another day, channel and side,
	 * and after a rebuild counts everything again from the comments.
	 */
	@Test
	void theWholeCompanysCountsAreTheScopedCountsAddedUp() {
		InsightFixtures fixtures = planted("配送が遅れた", JAPANESE_FILLER);
		assertWholeCompanyCountsAddUp();
		InsightFilter filter = lastSixtyDays(fixtures);
		StoredFeedback planted = log
			.search(new FeedbackFilter(filter.start(ZONE), filter.end(ZONE), null, null, true, null, null, null,
					"配送が遅れ", fixtures.segment()), 0, 1)
			.getContent()
			.get(0);
		var corrected = planted.toNewFeedback();
		log.correct(planted.id(),
				new io.shinrai.feedback.NewFeedback(corrected.customerRef(), null, null,
						corrected.receivedAt().minus(Duration.ofDays(40)), Channel.PHONE, corrected.category(),
						corrected.ratings(), 10, null, null, corrected.incidents(), "とても満足しています",
						corrected.externalId(), null, corrected.source(), corrected.loggedBy(), null),
				planted.version(), "test");
		maintenance.catchUp();
		assertWholeCompanyCountsAddUp();
		InsightFilter company = new InsightFilter(today.minusDays(89), today, null, null);
		Themes.ThemeReport before = themes.themes(company);
		maintenance.rebuild();
		maintenance.catchUp();
		assertWholeCompanyCountsAddUp();
		Themes.ThemeReport after = themes.themes(company);
		assertThat(after.negativeEntries()).isEqualTo(before.negativeEntries());
		assertThat(after.otherEntries()).isEqualTo(before.otherEntries());
		assertThat(after.negative()).isEqualTo(before.negative());
		assertThat(after.other()).isEqualTo(before.other());
	}

	private void assertWholeCompanyCountsAddUp() {
		for (String period : List.of("day", "month")) {
			String scoped = "select " + period + ", negative, term, sum(entries) as entries from insight_term_" + period
					+ " group by 1, 2, 3 having sum(entries) <> 0";
			String all = "select " + period + ", negative, term, entries from insight_term_" + period + "_all";
			long rows = jdbc.sql("select count(*) from insight_term_" + period + "_all").query(Long.class).single();
			assertThat(rows).as(period + " rows").isPositive();
			assertThat(jdbc
				.sql("select count(*) from ((" + scoped + " except all " + all + ") union all (" + all + " except all "
						+ scoped + ")) difference")
				.query(Long.class)
				.single()).as(period + " rows that differ").isZero();
		}
	}

}
