package io.shinrai.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class AuditLogIntegrationTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private AuditLog auditLog;

	@Autowired
	private TestUsers users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	private String actor;

	@BeforeEach
	void recordSomeEvents() {
		actor = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			auditLog.record(actor, AuditType.USER_CREATED, "alice", "Created with role STAFF", null, "role: STAFF");
			auditLog.record(actor, AuditType.USER_ROLE_CHANGED, "alice", "Role STAFF → ADMIN", "STAFF", "ADMIN");
			auditLog.record(actor, AuditType.USER_DISABLED, "bob <script>", "Sign-in disabled");
		});
		// one event of this actor long ago: 2024-03-31 23:30 in Tokyo is still March 31
		// there (14:30 UTC)
		jdbc.sql("update audit_event set occurred_at = ? where actor = ? and type = 'USER_CREATED'")
			.params(Timestamp.from(LocalDate.of(2024, 3, 31).atTime(23, 30).atZone(TOKYO).toInstant()), actor)
			.update();
	}

	private MockHttpServletRequestBuilder page(String query, String language) {
		return get("/admin/audit" + query).with(user(users.user(TestUsers.ADMIN))).header("Accept-Language", language);
	}

	@Test
	void showsWhoWhenWhatAndTheChangeInTheBusinessTimeZone() throws Exception {
		mvc.perform(page("?user=" + actor, "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("3 events")))
			.andExpect(content().string(containsString("User role changed")))
			.andExpect(content().string(containsString("Role changed from Staff to Admin")))
			.andExpect(content().string(containsString("<pre class=\"mb-1\">Staff</pre>")))
			.andExpect(content().string(containsString("Mar 31, 2024 23:30:00")))
			.andExpect(content().string(containsString("When (Asia/Tokyo)")))
			.andExpect(content().string(containsString("bob &lt;script&gt;")));
	}

	@Test
	void labelsTypesInJapanese() throws Exception {
		mvc.perform(page("?user=" + actor, "ja"))
			.andExpect(content().string(containsString("ユーザーのロール変更")))
			.andExpect(content().string(containsString("3件")));
	}

	@Test
	void saysEverythingInJapaneseWithoutRawCodesAndLinksTheSubjects() throws Exception {
		String other = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			auditLog.record(other, AuditType.RECOVERY_CASE_UPDATED, "recovery-case:6", "CLOSE",
					"status=RESOLVED, owner=bob", "status=CLOSED, owner=bob");
			auditLog.record(other, AuditType.RECOVERY_CASE_UPDATED, "recovery-case:6", "OWNER_CHANGED",
					"status=OPEN, owner=null", "status=OPEN, owner=carol");
			auditLog.record(other, AuditType.FEEDBACK_CORRECTED, "feedback 2527", "changed: nps, comment, receivedAt",
					"customer: C-1\nreceivedAt: 2026-05-01T10:00+09:00\nchannel: PHONE\nincidents: BROKEN_PROMISE (late); HIDDEN_FEES\nnps: 3",
					"customer: C-1\nreceivedAt: 2026-05-02T10:00+09:00\nchannel: EMAIL\nincidents: -\nnps: 7");
			auditLog.record(other, AuditType.USER_CREATED, "dave", "Created with role STAFF", null,
					"display name: Dave\nrole: STAFF\nenabled: true");
		});
		String html = mvc.perform(page("?user=" + other, "ja")).andReturn().getResponse().getContentAsString();
		String table = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
		assertThat(table).contains("操作：完了にする", "担当者を変更", "変更した項目：NPS、コメント、受付日時", "ロール「スタッフ」で作成", "チャネル: 電話",
				"約束の不履行 (late); ", "状態: 完了", "担当者: （なし）", "表示名: Dave", "ログインの有効化: はい");
		assertThat(table).doesNotContain("CLOSE", "OWNER_CHANGED", "receivedAt", "PHONE", "Created with role",
				"changed:", "recovery-case:", "BROKEN_PROMISE", "STAFF");
		assertThat(table).contains("<a href=\"/recovery/6\">信頼回復ケース #6</a>")
			.contains("<a href=\"/feedback/2527\">フィードバック #2527</a>");
	}

	@Test
	void filtersByTypeUserAndPeriod() {
		AuditQuery byActor = new AuditQuery(null, actor, null, null);
		assertThat(auditLog.search(byActor, 1, 50).total()).isEqualTo(3);
		assertThat(auditLog.search(new AuditQuery(AuditType.USER_DISABLED, actor, null, null), 1, 50).events())
			.extracting(AuditEvent::subject)
			.containsExactly("bob <script>");
		Instant march31 = LocalDate.of(2024, 3, 31).atStartOfDay(TOKYO).toInstant();
		Instant april1 = LocalDate.of(2024, 4, 1).atStartOfDay(TOKYO).toInstant();
		assertThat(auditLog.search(new AuditQuery(null, actor, march31, april1), 1, 50).events())
			.extracting(AuditEvent::type)
			.containsExactly(AuditType.USER_CREATED);
		assertThat(auditLog.actors()).contains(actor).isSorted();
	}

	@Test
	void readsThePeriodAsWholeDaysInTheBusinessTimeZone() throws Exception {
		mvc.perform(page("?user=" + actor + "&from=2024-03-31&to=2024-03-31", "en"))
			.andExpect(content().string(containsString("1 event ·")))
			.andExpect(content().string(containsString("User created")));
		mvc.perform(page("?user=" + actor + "&from=2024-04-01", "en"))
			.andExpect(content().string(containsString("2 events")));
	}

	@Test
	void pagesNewestFirst() {
		AuditPage first = auditLog.search(new AuditQuery(null, actor, null, null), 1, 2);
		AuditPage second = auditLog.search(new AuditQuery(null, actor, null, null), 2, 2);
		assertThat(first.totalPages()).isEqualTo(2);
		assertThat(first.hasNext()).isTrue();
		assertThat(first.events()).extracting(AuditEvent::type)
			.containsExactly(AuditType.USER_DISABLED, AuditType.USER_ROLE_CHANGED);
		assertThat(second.events()).extracting(AuditEvent::type).containsExactly(AuditType.USER_CREATED);
		assertThat(second.hasNext()).isFalse();
	}

	@Nested
	class InvalidFiltersAreExplainedAndIgnored {

		@Test
		void anUnknownType() throws Exception {
			mvc.perform(page("?type=NO_SUCH_TYPE&user=" + actor, "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("Unknown event type in the filter; showing all types.")))
				.andExpect(content().string(containsString("3 events")));
		}

		@Test
		void aMalformedDateInJapanese() throws Exception {
			mvc.perform(page("?from=yesterday&user=" + actor, "ja"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("開始日が日付ではありません")))
				.andExpect(content().string(containsString("3件")));
		}

		@Test
		void aReversedPeriod() throws Exception {
			mvc.perform(page("?from=2025-02-01&to=2025-01-01&user=" + actor, "en"))
				.andExpect(content().string(containsString("The period ends before it starts")))
				.andExpect(content().string(containsString("3 events")));
		}

		@Test
		void noPageAskedForOpensTheFirstWithoutAWarning() throws Exception {
			mvc.perform(page("?user=" + actor, "en"))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("Page numbers start at 1"))))
				.andExpect(content().string(containsString("3 events")));
			mvc.perform(page("?page=&user=" + actor, "ja"))
				.andExpect(content().string(not(containsString("ページ番号は1から始まります"))));
		}

		@Test
		void pagesThatAreNotNumbersOrOutOfRange() throws Exception {
			mvc.perform(page("?page=abc&user=" + actor, "en"))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("“abc” is not a page number.")))
				.andExpect(content().string(containsString("3 events")));
			mvc.perform(page("?page=0&user=" + actor, "en"))
				.andExpect(content().string(containsString("Page numbers start at 1")));
			mvc.perform(page("?page=99&user=" + actor, "en"))
				.andExpect(content().string(containsString("There is only 1 page; showing the last one.")))
				.andExpect(content().string(containsString("3 events")))
				.andExpect(content().string(not(containsString("Exception"))));
		}

	}

}
