package io.shinrai.privacy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Retention on the real database. The shared test database holds other tests' data, so
 * the settings here reach only this test's entries: feedback from the year 2000 and a
 * customer created then, older than any other test's.
 */
@IntegrationTest
@AutoConfigureMockMvc
class RetentionIntegrationTests {

	/**
	 * 24 years before now (December 2026) is late 2002: only this test's entries are
	 * older.
	 */
	private static final int MONTHS = 24 * 12;

	private static final int YEARS = 24;

	@Autowired
	private Retention retention;

	@Autowired
	private RetentionJob job;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private TestClock clock;

	@AfterEach
	void switchOff() {
		RetentionVersion active = retention.active();
		if (!active.isOff()) {
			retention.change(null, null, "back to off after a test", active.version(), TestUsers.ADMIN);
		}
	}

	private long oldCustomerWithComment(String tag, String comment) {
		String reference = "RET-" + tag;
		// a customer and an entry of June 2000, logged then
		clock.at(Instant.parse("2000-06-01T00:00:00Z"),
				() -> feedback.log(NewFeedback.builder()
					.customer(reference, "Old Customer " + tag, "Retention-" + tag)
					.receivedAt(Instant.parse("2000-06-01T00:00:00Z"))
					.channel(Channel.EMAIL)
					.category(Category.SERVICE)
					.rating(Signal.QUALITY, 4)
					.comment(comment)
					.source(Source.FORM)
					.loggedBy(TestUsers.MANAGER)
					.build()));
		return jdbc.sql("select id from customer where reference = ?").param(reference).query(Long.class).single();
	}

	@Test
	void isOffByDefaultAndThenChangesNothing() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long id = oldCustomerWithComment(tag, "kept " + tag);
		assertThat(retention.history().get(retention.history().size() - 1).isOff()).isTrue();
		assertThat(retention.apply(Instant.now())).isEqualTo(new RetentionPreview(0, 0, 0));
		assertThat(jdbc.sql("select count(*) from feedback where customer_id = ? and comment is not null")
			.param(id)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void theJobEmptiesOldTextsErasesInactiveCustomersAndAuditsIt() {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		long id = oldCustomerWithComment(tag, "old words " + tag);
		RetentionPreview preview = retention.preview(MONTHS, YEARS, Instant.now());
		assertThat(preview.texts()).isGreaterThanOrEqualTo(1);
		assertThat(preview.customers()).isGreaterThanOrEqualTo(1);

		RetentionVersion saved = retention.change(MONTHS, YEARS, "keep texts for 24 years",
				retention.active().version(), TestUsers.ADMIN);
		assertThat(saved.textMonths()).isEqualTo(MONTHS);
		job.applyRetention();

		assertThat(jdbc.sql("select count(*) from feedback where customer_id = ? and comment is not null")
			.param(id)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select erased_at is not null from customer where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		assertThat(
				PrivacyFixtures.rowsContaining(jdbc, List.of("RET-" + tag, "Old Customer " + tag, "old words " + tag)))
			.isEmpty();
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'RETENTION_APPLIED' and subject = ?")
			.param("retention version " + saved.version())
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'RETENTION_CHANGED' and subject = ?")
			.param("retention version " + saved.version())
			.query(Long.class)
			.single()).isEqualTo(1);
		// nothing left to do: a second run changes nothing and previews nothing of this
		// test's data
		assertThat(retention.preview(MONTHS, YEARS, Instant.now()).customers()).isZero();
	}

	@Test
	void versionsAreImmutableAndValuesChecked() {
		assertThatThrownBy(() -> retention.change(0, null, "zero", retention.active().version(), TestUsers.ADMIN))
			.isInstanceOf(InvalidRetentionException.class);
		assertThatThrownBy(() -> retention.change(12, null, " ", retention.active().version(), TestUsers.ADMIN))
			.isInstanceOf(InvalidRetentionException.class);
		assertThatThrownBy(() -> retention.change(12, null, "stale", retention.active().version() - 1, TestUsers.ADMIN))
			.isInstanceOf(StaleRetentionException.class);
		assertThatThrownBy(() -> jdbc.sql("update privacy_retention set reason = 'x' where version = 1").update())
			.hasMessageContaining("immutable");
	}

	@Test
	void settingsPagePreviewsCountsBeforeSaving() throws Exception {
		mvc.perform(get("/admin/retention").with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("retention is off")));
		String tag = UUID.randomUUID().toString().substring(0, 8);
		oldCustomerWithComment(tag, "previewed " + tag);
		int before = retention.active().version();
		mvc.perform(post("/admin/retention/preview").with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.header("Accept-Language", "en")
			.param("textMonths", String.valueOf(MONTHS))
			.param("inactiveYears", "")
			.param("basedOnVersion", String.valueOf(before)))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(org.hamcrest.Matchers.containsString("Applied now, the values entered would affect")))
			.andExpect(content()
				.string(org.hamcrest.Matchers.matchesPattern("(?s).*id=\"preview-texts\">[1-9]\\d* comments.*")));
		mvc.perform(post("/admin/retention/preview").with(user(users.user(TestUsers.ADMIN)))
			.with(csrf())
			.header("Accept-Language", "en")
			.param("textMonths", "abc"))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Enter the months as a whole number")));
		assertThat(retention.active().version()).isEqualTo(before);
	}

}
