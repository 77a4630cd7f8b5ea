package io.shinrai.recovery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import io.shinrai.feedback.FeedbackLogged;
import io.shinrai.recovery.RecoveryFixtures.Feedback;
import io.shinrai.scoring.CustomerStatus;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The board as a triage tool, and the rules that keep cases honest: notes on closing,
 * times of imported entries.
 */
@IntegrationTest
@AutoConfigureMockMvc
class RecoveryTriageIntegrationTests {

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private io.shinrai.TestFeedback testFeedback;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transactions;

	@Autowired
	private RecoveryCases recoveryCases;

	@Autowired
	private io.shinrai.feedback.csv.FeedbackImports imports;

	@Autowired
	private TrustScores trustScores;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	private RecoveryFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new RecoveryFixtures(testFeedback, jdbc, events, transactions);
	}

	private CaseSummary resolvedCaseOf(long customer) {
		CaseSummary opened = recoveryCases.ofCustomer(customer).get(0);
		recoveryCases.apply(opened.id(), version(opened.id()), RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER);
		recoveryCases.apply(opened.id(), version(opened.id()), RecoveryAction.RESOLVE, TestUsers.MANAGER);
		return opened;
	}

	private long version(long caseId) {
		return recoveryCases.details(caseId).version();
	}

	@Nested
	class ClosingACaseOfACustomerStillAtRisk {

		private long customer;

		private long caseId;

		@BeforeEach
		void aResolvedCaseOfACustomerAtRisk() {
			customer = fixtures.customer();
			fixtures.logNegative(customer, TestUsers.MANAGER);
			fixtures.logNegative(customer, TestUsers.MANAGER);
			assertThat(trustScores.forCustomer(customer, Instant.now()).status()).isEqualTo(CustomerStatus.AT_RISK);
			caseId = resolvedCaseOf(customer).id();
		}

		@Test
		void isRefusedWithoutANoteAndChangesNothing() {
			assertThatExceptionOfType(CaseRefusedException.NoteRequiredToClose.class).isThrownBy(
					() -> recoveryCases.apply(caseId, version(caseId), RecoveryAction.CLOSE, "  ", TestUsers.MANAGER))
				.satisfies(ex -> assertThat(ex.messageKey()).isEqualTo("recovery.refused.closeAtRiskNeedsNote"));
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.RESOLVED);
			assertThat(recoveryCases.details(caseId).notes()).isEmpty();
		}

		@Test
		void closesWithANoteKeptOnTheCase() {
			recoveryCases.apply(caseId, version(caseId), RecoveryAction.CLOSE,
					"Customer moved to a competitor; agreed to close", TestUsers.MANAGER);

			CaseDetails closed = recoveryCases.details(caseId);
			assertThat(closed.status()).isEqualTo(RecoveryStatus.CLOSED);
			assertThat(closed.notes()).singleElement()
				.satisfies(
						note -> assertThat(note.text()).isEqualTo("Customer moved to a competitor; agreed to close"));
		}

		@Test
		void theCasePageAsksForTheNoteAndRefusesInTheUsersLanguage() throws Exception {
			String page = mvc
				.perform(get("/recovery/" + caseId).header("Accept-Language", "ja")
					.with(user(users.user(TestUsers.MANAGER))))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).contains("name=\"note\"", "required=\"required\"", "メモ（必須：顧客はまだ離反リスクです）");

			mvc.perform(post("/recovery/" + caseId + "/status").param("action", "CLOSE")
				.param("version", String.valueOf(version(caseId)))
				.with(csrf())
				.with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("failure", "recovery.refused.closeAtRiskNeedsNote"));
			assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.RESOLVED);
		}

	}

	@Test
	void aCustomerNoLongerAtRiskIsClosedWithoutANote() {
		long customer = fixtures.customer();
		fixtures.logNegative(customer, TestUsers.MANAGER);
		assertThat(trustScores.forCustomer(customer, Instant.now()).status()).isNotEqualTo(CustomerStatus.AT_RISK);
		long caseId = resolvedCaseOf(customer).id();

		recoveryCases.apply(caseId, version(caseId), RecoveryAction.CLOSE, null, TestUsers.MANAGER);

		assertThat(recoveryCases.details(caseId).status()).isEqualTo(RecoveryStatus.CLOSED);
	}

	@Test
	void anImportedCaseOpensAtTheEntrysTimeAndIsDueFromThere() {
		long imported = fixtures.customer();
		Instant receivedAt = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
		transactions.executeWithoutResult(status -> {
			long id = insertImported(imported, receivedAt);
			events.publishEvent(new FeedbackLogged(List.of(fixtures.entry(id)), null, 4242L));
		});
		long logged = fixtures.customer();
		Instant before = Instant.now();
		fixtures.log(Feedback.negative(logged, receivedAt, TestUsers.MANAGER));

		CaseSummary importedCase = recoveryCases.ofCustomer(imported).get(0);
		assertThat(importedCase.openedAt()).isEqualTo(receivedAt);
		assertThat(importedCase.acknowledgeDueAt()).isEqualTo(receivedAt.plus(Duration.ofHours(24)));
		assertThat(importedCase.overdue()).isTrue();
		// an entry logged one by one opens its case when it is logged
		assertThat(recoveryCases.ofCustomer(logged).get(0).openedAt())
			.isAfterOrEqualTo(before.truncatedTo(ChronoUnit.MICROS));
	}

	@Test
	void anImportedCaseRecordsTheTrustOfWhenItsEntryWasReceivedNotOfTheImport() throws Exception {
		String reference = "OPENED-" + System.nanoTime();
		LocalDate negativeDay = LocalDate.now(ZoneOffset.UTC).minusDays(3);
		String csv = "external_id,customer_ref,customer_name,segment,received_at,channel,category,transparency,"
				+ "consistency,communication,quality,values,nps,csat,ces,incidents,comment\n" + reference + "-1,"
				+ reference + ",Opened Co,SMB," + negativeDay + ",EMAIL,PRODUCT,1,1,1,1,1,0,1,7,,late again\n"
				+ reference + "-2," + reference + ",Opened Co,SMB," + negativeDay.plusDays(2)
				+ ",EMAIL,PRODUCT,5,5,5,5,5,10,5,1,,much better\n";
		Path file = Files.createTempFile("opened", ".csv");
		Files.writeString(file, csv, StandardCharsets.UTF_8);
		imports.run(file, "opened.csv", TestUsers.ADMIN);
		Files.delete(file);
		long customer = jdbc.sql("select id from customer where reference = ?")
			.param(reference)
			.query(Long.class)
			.single();

		CaseSummary imported = recoveryCases.ofCustomer(customer).get(0);
		Double atOpening = recoveryCases.details(imported.id()).trustAtOpening();
		double asOfTheEntry = trustScores.forCustomer(customer, imported.openedAt()).score().trust();
		double now = trustScores.forCustomer(customer, Instant.now()).score().trust();
		assertThat(atOpening).isEqualTo(asOfTheEntry);
		// the later, better entry of the same file counts now, not at opening
		assertThat(now).isGreaterThan(asOfTheEntry + 1);
	}

	@Nested
	class TheBoard {

		private String segment;

		private long first;

		private long second;

		@BeforeEach
		void twoCustomersWithCases() {
			segment = "Triage-" + java.util.UUID.randomUUID();
			first = fixtures.customer(segment);
			second = fixtures.customer(segment);
			transactions.executeWithoutResult(status -> jdbc.sql("update feedback set comment = ? where id = ?")
				.params("配送が三日遅れ、連絡もありませんでした", fixtures.logNegative(first, TestUsers.MANAGER))
				.update());
			fixtures.logNegative(second, TestUsers.MANAGER);
		}

		private String board(String query) throws Exception {
			return mvc
				.perform(get("/recovery?" + query).header("Accept-Language", "en")
					.with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
		}

		@Test
		void showsWhatHappenedAndTrustAtOpeningAndNow() throws Exception {
			String html = board("segment=" + segment);

			assertThat(html).contains("What happened", "Trust at opening → now", "Broken promise",
					"配送が三日遅れ、連絡もありませんでした", "id=\"sort-urgency\"", "id=\"bulk-assign\"");
			Page page = new Page(recoveryCases.board(new CaseSearch(RecoveryStatus.IN_PROGRESS, false, null, false,
					null, CaseSearch.Sort.URGENCY, 0, 20, segment)));
			assertThat(page.rows()).hasSize(2).allSatisfy(row -> {
				assertThat(row.trustAtOpening()).isNotNull();
				assertThat(row.trustNow()).isNotNull();
				assertThat(row.incidents()).contains(io.shinrai.feedback.IncidentType.BROKEN_PROMISE);
			});
		}

		@Test
		void sortsByUrgencyOverdueAndOpenBeforeAcknowledged() {
			long firstCase = recoveryCases.ofCustomer(first).get(0).id();
			long secondCase = recoveryCases.ofCustomer(second).get(0).id();
			recoveryCases.apply(firstCase, version(firstCase), RecoveryAction.ACKNOWLEDGE, TestUsers.MANAGER);

			List<Long> order = recoveryCases
				.search(new CaseSearch(RecoveryStatus.IN_PROGRESS, false, null, false, null, CaseSearch.Sort.URGENCY, 0,
						20, segment))
				.getContent()
				.stream()
				.map(CaseSummary::id)
				.toList();

			assertThat(order).containsExactly(secondCase, firstCase);
		}

		@Test
		void assignsTheTickedCasesInOneGo() throws Exception {
			long firstCase = recoveryCases.ofCustomer(first).get(0).id();
			long secondCase = recoveryCases.ofCustomer(second).get(0).id();

			mvc.perform(post("/recovery/assign").param("owner", TestUsers.ADMIN)
				.param("selected", firstCase + ":" + version(firstCase), secondCase + ":" + version(secondCase))
				.param("back", "/recovery?segment=" + segment)
				.with(csrf())
				.with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("success", "recovery.bulk.assigned"));

			assertThat(recoveryCases.details(firstCase).owner()).isEqualTo(TestUsers.ADMIN);
			assertThat(recoveryCases.details(secondCase).owner()).isEqualTo(TestUsers.ADMIN);
		}

		@Test
		void assignsNothingWhenOneTickedCaseChangedMeanwhile() {
			long firstCase = recoveryCases.ofCustomer(first).get(0).id();
			long secondCase = recoveryCases.ofCustomer(second).get(0).id();
			String ownerBefore = recoveryCases.details(firstCase).owner();
			long staleVersion = version(secondCase) - 1;

			assertThatExceptionOfType(CaseRefusedException.CaseChanged.class).isThrownBy(
					() -> recoveryCases.assignAll(Map.of(firstCase, version(firstCase), secondCase, staleVersion),
							TestUsers.ADMIN, TestUsers.MANAGER));

			assertThat(recoveryCases.details(firstCase).owner()).isEqualTo(ownerBefore);
		}

		@Test
		void refusesAHandOverWithoutATickedCaseOrToANonManager() throws Exception {
			mvc.perform(post("/recovery/assign").param("owner", TestUsers.ADMIN)
				.with(csrf())
				.with(user(users.user(TestUsers.MANAGER))))
				.andExpect(flash().attribute("failure", "recovery.refused.nothingSelected"));
			long firstCase = recoveryCases.ofCustomer(first).get(0).id();
			mvc.perform(post("/recovery/assign").param("owner", TestUsers.STAFF)
				.param("selected", firstCase + ":" + version(firstCase))
				.param("back", "https://evil.example/")
				.with(csrf())
				.with(user(users.user(TestUsers.MANAGER))))
				.andExpect(flash().attribute("failure", "recovery.refused.ownerNotManager"))
				.andExpect(
						org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/recovery"));
		}

	}

	/**
	 * A negative entry as an import batch stores it, before the batch's event (which
	 * names the import).
	 */
	private long insertImported(long customer, Instant receivedAt) {
		return jdbc.sql("""
				insert into feedback (customer_id, received_at, channel, category, rating_quality, incident_types,
				  negative, source, logged_by)
				values (?, ?, 'EMAIL', 'SERVICE', 1, cast(? as varchar[]), true, 'CSV', ?)
				returning id
				""")
			.params(customer, java.sql.Timestamp.from(receivedAt), new String[] { "BROKEN_PROMISE" }, TestUsers.MANAGER)
			.query(Long.class)
			.single();
	}

	private record Page(org.springframework.data.domain.Page<BoardRow> page) {

		List<BoardRow> rows() {
			return page.getContent();
		}

	}

}
