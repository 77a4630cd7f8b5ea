package io.shinrai.survey;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestUsers;
import io.shinrai.customer.Customer;
import io.shinrai.customer.CustomerDirectory;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.FeedbackLog;
import io.shinrai.feedback.Signal;
import io.shinrai.feedback.Source;
import io.shinrai.feedback.StoredFeedback;
import io.shinrai.recovery.CaseDetails;
import io.shinrai.recovery.CaseSummary;
import io.shinrai.recovery.RecoveryCases;
import io.shinrai.recovery.RecoveryMeasures;
import io.shinrai.recovery.RecoveryStatus;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class SurveyLinksIntegrationTests {

	@Autowired
	private SurveyLinks links;

	@Autowired
	private TestClock clock;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private FeedbackLog feedback;

	@Autowired
	private RecoveryCases cases;

	@Autowired
	private RecoveryMeasures measures;

	@Autowired
	private TrustScores trustScores;

	@Autowired
	private JdbcClient jdbc;

	private SurveyFixtures fixtures;

	@BeforeEach
	void fixtures() {
		fixtures = new SurveyFixtures(customers, feedback, cases);
	}

	private static SurveyAnswer ratings(int all) {
		return new SurveyAnswer(Map.of(Signal.TRANSPARENCY, all, Signal.CONSISTENCY, all, Signal.COMMUNICATION, all,
				Signal.QUALITY, all, Signal.VALUES, all), null, null, null, "Thank you");
	}

	private long entriesOf(Customer customer) {
		return jdbc.sql("select count(*) from feedback where customer_id = ?")
			.param(customer.getId())
			.query(Long.class)
			.single();
	}

	@Test
	void linkUsesTheBaseUrlAndStoresOnlyTheTokensHash() {
		Customer customer = fixtures.customer("en");
		IssuedLink link = links.issue(customer.getId(), null, null, TestUsers.MANAGER);
		String token = SurveyFixtures.token(link);
		assertThat(link.url()).isEqualTo("http://localhost:8080/s/" + token);
		assertThat(link.expiresAt()).isBetween(Instant.now().plusSeconds(14 * 86400 - 60),
				Instant.now().plusSeconds(14 * 86400 + 60));
		byte[] stored = jdbc.sql("select token_hash from survey_link where id = ?")
			.param(link.id())
			.query(byte[].class)
			.single();
		assertThat(stored).isEqualTo(SurveyTokens.hash(token)).isNotEqualTo(token.getBytes(StandardCharsets.US_ASCII));
		String row = jdbc.sql("select cast(s.* as text) from survey_link s where id = ?")
			.param(link.id())
			.query(String.class)
			.single();
		assertThat(row).doesNotContain(token);
	}

	@Test
	void answerIsStoredOnceAsASurveyEntryAndCountsInTheScores() {
		Customer customer = fixtures.customer("ja");
		IssuedLink link = links.issue(customer.getId(), null, 3, TestUsers.MANAGER);
		String token = SurveyFixtures.token(link);
		assertThat(links.open(token).greetingName()).isEqualTo(customer.getName());
		CustomerTrust before = trustScores.forCustomer(customer.getId(), Instant.now());

		SurveyLinks.AnswerOutcome outcome = links.answer(token,
				new SurveyAnswer(Map.of(Signal.QUALITY, 5), 10, 5, 7, "とても良い"));

		assertThat(outcome).isInstanceOf(SurveyLinks.AnswerOutcome.Stored.class);
		StoredFeedback entry = feedback.get(((SurveyLinks.AnswerOutcome.Stored) outcome).feedbackId());
		assertThat(entry.source()).isEqualTo(Source.SURVEY);
		assertThat(entry.channel()).isEqualTo(Channel.SURVEY);
		assertThat(entry.nps()).isEqualTo(10);
		assertThat(entry.comment()).isEqualTo("とても良い");
		assertThat(entry.negative()).isFalse();
		CustomerTrust after = trustScores.forCustomer(customer.getId(), Instant.now());
		assertThat(after.score().evidence()).isGreaterThan(before.score().evidence());
		assertThat(links.ofCustomer(customer.getId())).singleElement()
			.satisfies(view -> assertThat(view.state()).isEqualTo(SurveyLinkState.ANSWERED))
			.satisfies(view -> assertThat(view.openedAt()).isNotNull());

		assertThat(links.answer(token, ratings(4)))
			.isEqualTo(new SurveyLinks.AnswerOutcome.Refused(SurveyLinkState.ANSWERED));
		assertThat(links.open(token).state()).isEqualTo(SurveyLinkState.ANSWERED);
		assertThat(entriesOf(customer)).isEqualTo(1);
	}

	@Test
	void twoSubmissionsAtOnceStoreOneEntry() throws Exception {
		Customer customer = fixtures.customer("en");
		String token = SurveyFixtures.token(links.issue(customer.getId(), null, null, TestUsers.MANAGER));
		CyclicBarrier barrier = new CyclicBarrier(2);
		List<CompletableFuture<SurveyLinks.AnswerOutcome>> answers = List.of(1, 2)
			.stream()
			.map(i -> CompletableFuture.supplyAsync(() -> {
				try {
					barrier.await();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				return links.answer(token, ratings(4));
			}))
			.toList();
		List<SurveyLinks.AnswerOutcome> outcomes = answers.stream().map(CompletableFuture::join).toList();
		assertThat(outcomes).filteredOn(SurveyLinks.AnswerOutcome.Stored.class::isInstance).hasSize(1);
		assertThat(outcomes).contains(new SurveyLinks.AnswerOutcome.Refused(SurveyLinkState.ANSWERED));
		assertThat(entriesOf(customer)).isEqualTo(1);
	}

	@Nested
	class Refusals {

		@Test
		void expiredLinkChangesNothing() {
			Customer customer = fixtures.customer("en");
			// issued two days ago for one day
			clock.advance(Duration.ofDays(-2));
			IssuedLink link = links.issue(customer.getId(), null, 1, TestUsers.MANAGER);
			clock.reset();
			String token = SurveyFixtures.token(link);
			SurveyInvitation invitation = links.open(token);
			assertThat(invitation.state()).isEqualTo(SurveyLinkState.EXPIRED);
			assertThat(invitation.greetingName()).isNull();
			assertThat(links.answer(token, ratings(5)))
				.isEqualTo(new SurveyLinks.AnswerOutcome.Refused(SurveyLinkState.EXPIRED));
			assertThat(entriesOf(customer)).isZero();
			assertThat(links.ofCustomer(customer.getId()).get(0).openedAt()).isNull();
		}

		@Test
		void unknownAndMalformedTokensAreUnknown() {
			assertThat(links.open(SurveyTokens.generate()).isUnknown()).isTrue();
			assertThat(links.open("not-a-token").isUnknown()).isTrue();
			assertThat(links.answer(SurveyTokens.generate(), ratings(5)))
				.isEqualTo(new SurveyLinks.AnswerOutcome.Refused(null));
		}

		@Test
		void emptyOrOutOfRangeAnswersStoreNothing() {
			Customer customer = fixtures.customer("en");
			String token = SurveyFixtures.token(links.issue(customer.getId(), null, null, TestUsers.MANAGER));
			assertThat(links.answer(token, new SurveyAnswer(Map.of(), null, null, null, "only a comment")))
				.isInstanceOfSatisfying(SurveyLinks.AnswerOutcome.Invalid.class,
						invalid -> assertThat(invalid.violations()).extracting("messageKey")
							.containsExactly("survey.answer.empty"));
			assertThat(links.answer(token, new SurveyAnswer(Map.of(Signal.QUALITY, 6), 11, 0, 8, null)))
				.isInstanceOfSatisfying(SurveyLinks.AnswerOutcome.Invalid.class,
						invalid -> assertThat(invalid.violations()).extracting("field")
							.containsExactlyInAnyOrder("ratings.quality", "nps", "csat", "ces"));
			assertThat(links.answer(token,
					new SurveyAnswer(Map.of(Signal.QUALITY, 4), null, null, null, "x".repeat(4001))))
				.isInstanceOf(SurveyLinks.AnswerOutcome.Invalid.class);
			assertThat(entriesOf(customer)).isZero();
			assertThat(links.answer(token, ratings(4))).isInstanceOf(SurveyLinks.AnswerOutcome.Stored.class);
		}

		@Test
		void expiryOutOfRangeAndAnotherCustomersCaseAreRefused() {
			Customer customer = fixtures.customer("en");
			Customer other = fixtures.customer("en");
			CaseSummary othersCase = fixtures.openCase(other);
			assertThatThrownBy(() -> links.issue(customer.getId(), null, 0, TestUsers.MANAGER)).isInstanceOfSatisfying(
					SurveyLinkRefusedException.class, ex -> assertThat(ex.field()).isEqualTo("expiresInDays"));
			assertThatThrownBy(() -> links.issue(customer.getId(), null, 91, TestUsers.MANAGER))
				.isInstanceOf(SurveyLinkRefusedException.class);
			assertThatThrownBy(() -> links.issue(customer.getId(), othersCase.id(), null, TestUsers.MANAGER))
				.isInstanceOfSatisfying(SurveyLinkRefusedException.class,
						ex -> assertThat(ex.field()).isEqualTo("caseId"));
			assertThatThrownBy(() -> links.issue("NO-SUCH-CUSTOMER", null, null, TestUsers.MANAGER))
				.isInstanceOfSatisfying(SurveyLinkRefusedException.class,
						ex -> assertThat(ex.field()).isEqualTo("customerRef"));
			assertThat(links.ofCustomer(customer.getId())).isEmpty();
			assertThat(links.issue(customer.getId(), null, 90, TestUsers.MANAGER).expiresAt())
				.isAfter(Instant.now().plusSeconds(89 * 86400));
		}

	}

	@Nested
	class RecoveryVerified {

		@Test
		void notNegativeAnswerToAResolvedCaseConfirmsIt() {
			Customer customer = fixtures.customer("en");
			CaseSummary resolved = fixtures.resolvedCase(customer);
			String token = SurveyFixtures.token(links.issue(customer.getId(), resolved.id(), null, TestUsers.MANAGER));
			assertThat(links.open(token).aboutCase()).isTrue();

			SurveyLinks.AnswerOutcome outcome = links.answer(token, ratings(4));

			CaseDetails details = cases.details(resolved.id());
			assertThat(details.status()).isEqualTo(RecoveryStatus.RESOLVED);
			assertThat(details.isConfirmedByCustomer()).isTrue();
			assertThat(details.answers()).singleElement().satisfies(answer -> {
				assertThat(answer.feedbackId()).isEqualTo(((SurveyLinks.AnswerOutcome.Stored) outcome).feedbackId());
				assertThat(answer.negative()).isFalse();
				assertThat(answer.statusThen()).isEqualTo(RecoveryStatus.RESOLVED);
			});
			assertThat(links.ofCase(resolved.id())).singleElement()
				.satisfies(view -> assertThat(view.state()).isEqualTo(SurveyLinkState.ANSWERED));
			var measured = measures.current(customers.get(customer.getId()).getSegment());
			assertThat(measured.resolvedCases()).isEqualTo(1);
			assertThat(measured.confirmedCases()).isEqualTo(1);
			assertThat(measured.confirmedShare()).isEqualTo(1.0);
			assertThat(measured.medianTimeToConfirmation()).isNotNull().isPositive();
		}

		@Test
		void negativeAnswerReopensTheCaseAndConfirmsNothing() {
			Customer customer = fixtures.customer("en");
			CaseSummary resolved = fixtures.resolvedCase(customer);
			String token = SurveyFixtures.token(links.issue(customer.getId(), resolved.id(), null, TestUsers.MANAGER));

			SurveyLinks.AnswerOutcome outcome = links.answer(token,
					new SurveyAnswer(Map.of(Signal.QUALITY, 1), 2, null, null, "Still broken"));

			long feedbackId = ((SurveyLinks.AnswerOutcome.Stored) outcome).feedbackId();
			CaseDetails details = cases.details(resolved.id());
			assertThat(details.status()).isEqualTo(RecoveryStatus.OPEN);
			assertThat(details.reopenedCount()).isEqualTo(1);
			assertThat(details.isConfirmedByCustomer()).isFalse();
			assertThat(details.entries()).extracting(CaseDetails.Entry::feedbackId).contains(feedbackId);
			assertThat(details.answers()).singleElement().satisfies(answer -> {
				assertThat(answer.negative()).isTrue();
				assertThat(answer.statusThen()).isEqualTo(RecoveryStatus.RESOLVED);
			});
			var measured = measures.current(customers.get(customer.getId()).getSegment());
			assertThat(measured.resolvedCases()).isZero();
			assertThat(measured.confirmedShare()).isNull();
		}

		@Test
		void answerWhileTheCaseIsStillWorkedIsRecordedButConfirmsNothing() {
			Customer customer = fixtures.customer("en");
			CaseSummary open = fixtures.openCase(customer);
			String token = SurveyFixtures.token(links.issue(customer.getId(), open.id(), null, TestUsers.MANAGER));
			links.answer(token, ratings(5));
			CaseDetails details = cases.details(open.id());
			assertThat(details.isConfirmedByCustomer()).isFalse();
			assertThat(details.answers()).singleElement()
				.satisfies(answer -> assertThat(answer.statusThen()).isEqualTo(RecoveryStatus.OPEN));
		}

	}

}
