package io.shinrai.recovery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.shinrai.IntegrationTest;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.Source;
import io.shinrai.recovery.RecoveryFixtures.Feedback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class RecoveryControllerIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private TestFeedback testFeedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryCases recoveryCases;

	private RecoveryFixtures fixtures;

	private long customer;

	private long caseId;

	private long feedbackId;

	@BeforeEach
	void openACase() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
		customer = fixtures.customer();
		feedbackId = fixtures.logNegative(customer, TestUsers.MANAGER);
		caseId = recoveryCases.ofCustomer(customer).get(0).id();
	}

	@Test
	void theBoardShowsTheCasesTheMeasuresAndHowTheyAreMeasuredToStaff() throws Exception {
		mvc.perform(get("/recovery").param("customer", "" + customer).with(as(TestUsers.STAFF)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("href=\"/recovery/" + caseId + "\""),
					containsString("href=\"/customers/" + customer + "\""), containsString("Test Manager"),
					containsString("id=\"measure-open\""), containsString("id=\"measure-rate\""),
					containsString("How these are measured"),
					containsString("of the customers with a case resolved in the last 90 days"),
					containsString("Times in Asia/Tokyo"))));
	}

	@Test
	void theTabsFilterOpenOverdueMineAndAll() throws Exception {
		String link = "href=\"/recovery/" + caseId + "\"";
		mvc.perform(board("open", TestUsers.STAFF)).andExpect(content().string(containsString(link)));
		mvc.perform(board("overdue", TestUsers.STAFF)).andExpect(content().string(not(containsString(link))));
		mvc.perform(board("mine", TestUsers.MANAGER)).andExpect(content().string(containsString(link)));
		mvc.perform(board("mine", TestUsers.ADMIN)).andExpect(content().string(not(containsString(link))));

		makeOverdue();
		mvc.perform(board("overdue", TestUsers.STAFF))
			.andExpect(content().string(allOf(containsString(link), containsString("table-danger"))));

		moveTo(RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE, RecoveryAction.CLOSE);
		mvc.perform(board("open", TestUsers.STAFF)).andExpect(content().string(not(containsString(link))));
		mvc.perform(board("all", TestUsers.STAFF)).andExpect(content().string(containsString(link)));
		mvc.perform(board("all", TestUsers.STAFF).param("status", "CLOSED"))
			.andExpect(content().string(containsString(link)));
		mvc.perform(board("all", TestUsers.STAFF).param("status", "OPEN"))
			.andExpect(content().string(not(containsString(link))));
	}

	@Test
	void filtersByOwnerIncludingUnassigned() throws Exception {
		long unassignedCustomer = fixtures.customer();
		fixtures.logNegative(unassignedCustomer, TestUsers.STAFF);
		long unassignedCase = recoveryCases.ofCustomer(unassignedCustomer).get(0).id();

		mvc.perform(get("/recovery").param("owner", "-").param("sort", "opened_desc").with(as(TestUsers.STAFF)))
			.andExpect(content().string(allOf(containsString("href=\"/recovery/" + unassignedCase + "\""),
					not(containsString("href=\"/recovery/" + caseId + "\"")))));
		mvc.perform(board("open", TestUsers.STAFF).param("owner", TestUsers.MANAGER))
			.andExpect(content().string(containsString("href=\"/recovery/" + caseId + "\"")));
		mvc.perform(board("open", TestUsers.STAFF).param("owner", TestUsers.ADMIN))
			.andExpect(content().string(not(containsString("href=\"/recovery/" + caseId + "\""))));
	}

	@Test
	void sortsByDueTimeBothWaysAndPages() throws Exception {
		moveTo(RecoveryAction.ACKNOWLEDGE, RecoveryAction.RESOLVE, RecoveryAction.CLOSE);
		fixtures.logNegative(customer, TestUsers.MANAGER);
		long newer = recoveryCases.ofCustomer(customer).get(0).id();
		String first = "href=\"/recovery/" + caseId + "\"";
		String second = "href=\"/recovery/" + newer + "\"";

		String ascending = page(board("all", TestUsers.STAFF).param("sort", "due"));
		assertThat(ascending.indexOf(first)).isPositive().isLessThan(ascending.indexOf(second));
		String descending = page(board("all", TestUsers.STAFF).param("sort", "due_desc"));
		assertThat(descending.indexOf(second)).isPositive().isLessThan(descending.indexOf(first));

		String pageOne = page(board("all", TestUsers.STAFF).param("size", "1"));
		assertThat(pageOne).contains(first)
			.doesNotContain(second)
			.contains("Page 1 of 2")
			.contains("href=\"/recovery?tab=all&amp;customer=" + customer + "&amp;size=1&amp;page=2\"");
		assertThat(page(board("all", TestUsers.STAFF).param("size", "1").param("page", "2"))).contains(second)
			.doesNotContain(first);
		// beyond the last page: the last page, numbered as such
		assertThat(page(board("all", TestUsers.STAFF).param("size", "1").param("page", "999"))).contains(second)
			.doesNotContain(first)
			.contains("Page 2 of 2")
			.doesNotContain("Page 999");
	}

	@Test
	void saysSoWhenFilterValuesInTheAddressAreNotUnderstood() throws Exception {
		mvc.perform(get("/recovery").param("tab", "bogus")
			.param("status", "NOPE")
			.param("sort", "x")
			.param("page", "-3")
			.param("size", "100000")
			.param("customer", "abc")
			.with(as(TestUsers.STAFF)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Some filter values in the address were not understood"),
					containsString("id=\"recovery-cases\""))));
	}

	@Test
	void theCasePageShowsCustomerEntriesTrustAndNoFormsToStaff() throws Exception {
		mvc.perform(get("/recovery/" + caseId).with(as(TestUsers.STAFF)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Recovery case #" + caseId),
					containsString("href=\"/customers/" + customer + "\""),
					containsString("href=\"/feedback/" + feedbackId + "\""), containsString("id=\"trust-at-opening\""),
					containsString("id=\"trust-now\""), containsString("Watch"), containsString("Acknowledge by"),
					not(containsString("id=\"case-actions\"")), not(containsString("id=\"note-form\"")))));
	}

	@Test
	void theCasePageSaysNoDataYetWithoutATrustScoreAndSpeaksJapanese() throws Exception {
		long noScore = fixtures.customer();
		fixtures.log(new Feedback(noScore, Instant.now(), Map.of(), List.of(), 1, TestUsers.MANAGER, Source.API));
		long noScoreCase = recoveryCases.ofCustomer(noScore).get(0).id();

		mvc.perform(get("/recovery/" + noScoreCase).with(as(TestUsers.STAFF)))
			.andExpect(content().string(containsString("no data yet")));
		mvc.perform(get("/recovery/" + noScoreCase).param("lang", "ja").with(as(TestUsers.MANAGER)))
			.andExpect(content().string(allOf(containsString("信頼回復ケース #" + noScoreCase), containsString("まだデータがありません"),
					containsString("対応を開始する"), containsString("要注意"))));
	}

	@Test
	void aManagerWorksTheCaseThroughItsForms() throws Exception {
		mvc.perform(get("/recovery/" + caseId).with(as(TestUsers.MANAGER)))
			.andExpect(content().string(allOf(containsString("id=\"action-acknowledge\""),
					not(containsString("id=\"action-close\"")), containsString("name=\"_csrf\""))));

		mvc.perform(post("/recovery/" + caseId + "/status").param("action", "ACKNOWLEDGE")
			.param("version", "" + version())
			.with(as(TestUsers.MANAGER))
			.with(csrf()))
			.andExpect(redirectedUrl("/recovery/" + caseId))
			.andExpect(flash().attribute("success", "recovery.case.moved.ACKNOWLEDGE"));
		mvc.perform(post("/recovery/" + caseId + "/owner").param("owner", TestUsers.ADMIN)
			.param("version", "" + version())
			.with(as(TestUsers.MANAGER))
			.with(csrf()))
			.andExpect(redirectedUrl("/recovery/" + caseId))
			.andExpect(flash().attribute("success", "recovery.case.ownerChanged"));
		mvc.perform(post("/recovery/" + caseId + "/notes").param("text", "Called <b>back</b>")
			.param("version", "" + version())
			.with(as(TestUsers.MANAGER))
			.with(csrf()))
			.andExpect(redirectedUrl("/recovery/" + caseId))
			.andExpect(flash().attribute("success", "recovery.case.noteAdded"));

		CaseDetails details = recoveryCases.details(caseId);
		assertThat(details.status()).isEqualTo(RecoveryStatus.ACKNOWLEDGED);
		assertThat(details.owner()).isEqualTo(TestUsers.ADMIN);
		assertThat(details.notes()).extracting(CaseDetails.Note::text).containsExactly("Called <b>back</b>");
		mvc.perform(get("/recovery/" + caseId).with(as(TestUsers.STAFF)))
			.andExpect(content()
				.string(allOf(containsString("Called &lt;b&gt;back&lt;/b&gt;"), containsString("Administrator"))));
	}

	@Nested
	class Refuses {

		@Test
		void anInvalidMoveWithItsMessage() throws Exception {
			mvc.perform(post("/recovery/" + caseId + "/status").param("action", "CLOSE")
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(redirectedUrl("/recovery/" + caseId))
				.andExpect(flash().attribute("failure", "recovery.refused.close"));
			mvc.perform(post("/recovery/" + caseId + "/status").param("action", "EXPLODE")
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf())).andExpect(flash().attribute("failure", "recovery.refused.unknownAction"));
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.OPEN);
		}

		@Test
		void theSecondManagersNoteButKeepsItOnScreen() throws Exception {
			long bothSaw = version();
			moveTo(RecoveryAction.ACKNOWLEDGE);

			mvc.perform(post("/recovery/" + caseId + "/notes").param("text", "My careful note, written meanwhile")
				.param("version", "" + bothSaw)
				.with(as(TestUsers.ADMIN))
				.with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().string(allOf(containsString("Someone else changed this case"),
						containsString(">My careful note, written meanwhile</textarea>"),
						containsString("name=\"version\" value=\"" + version() + "\""))));
			assertThat(recoveryCases.details(caseId).notes()).isEmpty();
		}

		@Test
		void theSecondManagersOwnerChangeButKeepsTheChoice() throws Exception {
			long bothSaw = version();
			moveTo(RecoveryAction.ACKNOWLEDGE);

			mvc.perform(post("/recovery/" + caseId + "/owner").param("owner", TestUsers.ADMIN)
				.param("version", "" + bothSaw)
				.with(as(TestUsers.ADMIN))
				.with(csrf()))
				.andExpect(status().isConflict())
				.andExpect(content().string(allOf(containsString("Someone else changed this case"),
						containsString("<option value=\"admin\" selected=\"selected\">"))));
			assertThat(recoveryCases.details(caseId).owner()).isEqualTo(TestUsers.MANAGER);
		}

		@Test
		void anOwnerWhoIsNotAManager() throws Exception {
			mvc.perform(post("/recovery/" + caseId + "/owner").param("owner", TestUsers.STAFF)
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(status().isUnprocessableContent())
				.andExpect(content().string(containsString("Cases can only be owned by active managers.")));
			mvc.perform(post("/recovery/" + caseId + "/owner").param("owner", "")
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Choose a manager.")));
			assertThat(recoveryCases.details(caseId).owner()).isEqualTo(TestUsers.MANAGER);
		}

		@Test
		void blankTooLongAndTamperedNotesWithAMessageEach() throws Exception {
			mvc.perform(post("/recovery/" + caseId + "/notes").param("text", "   ")
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("Write the note first.")));
			mvc.perform(post("/recovery/" + caseId + "/notes").param("text", "x".repeat(2001))
				.param("version", "" + version())
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(allOf(containsString("A note can have at most 2,000 characters."),
						containsString("x".repeat(2001) + "</textarea>"))));
			mvc.perform(post("/recovery/" + caseId + "/notes").param("text", "fine")
				.param("version", "abc")
				.with(as(TestUsers.MANAGER))
				.with(csrf()))
				.andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("The form was out of date.")));
			assertThat(recoveryCases.details(caseId).notes()).isEmpty();
		}

		@Test
		void staffActingOnACase() throws Exception {
			mvc.perform(post("/recovery/" + caseId + "/status").param("action", "ACKNOWLEDGE")
				.param("version", "" + version())
				.with(as(TestUsers.STAFF))
				.with(csrf())).andExpect(status().isForbidden());
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.OPEN);
		}

		@Test
		void unknownCasesAsNotFound() throws Exception {
			mvc.perform(get("/recovery/" + Long.MAX_VALUE).with(as(TestUsers.STAFF))).andExpect(status().isNotFound());
			mvc.perform(get("/recovery/abc").with(as(TestUsers.STAFF))).andExpect(status().isNotFound());
			mvc.perform(post("/recovery/" + Long.MAX_VALUE + "/status").param("action", "ACKNOWLEDGE")
				.param("version", "0")
				.with(as(TestUsers.MANAGER))
				.with(csrf())).andExpect(status().isNotFound());
		}

	}

	private org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder board(String tab,
			String username) {
		return get("/recovery").param("tab", tab).param("customer", "" + customer).with(as(username));
	}

	private String page(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
			throws Exception {
		return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private RequestPostProcessor as(String username) {
		return user(users.user(username));
	}

	private long version() {
		return recoveryCases.details(caseId).version();
	}

	private void moveTo(RecoveryAction... actions) {
		for (RecoveryAction action : actions) {
			recoveryCases.apply(caseId, version(), action, TestUsers.MANAGER);
		}
	}

	private void makeOverdue() {
		Instant opened = Instant.now().minus(Duration.ofHours(30));
		jdbc.sql("update recovery_case set opened_at = ?, acknowledge_due_at = ? where id = ?")
			.params(Timestamp.from(opened), Timestamp.from(opened.plus(Duration.ofHours(24))), caseId)
			.update();
	}

}
