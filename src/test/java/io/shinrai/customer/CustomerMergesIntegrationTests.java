package io.shinrai.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import io.shinrai.FullWidth;
import io.shinrai.IntegrationTest;
import io.shinrai.TestClock;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.promise.NewPromise;
import io.shinrai.promise.Promises;
import io.shinrai.scoring.CustomerTrust;
import io.shinrai.scoring.CustomersAtRisk;
import io.shinrai.scoring.Scope;
import io.shinrai.scoring.ScopeTrust;
import io.shinrai.scoring.TrustScores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Merging customers and segments against the real database: a full-width twin and its
 * half-width customer, each with entries, cases and promises, end as one customer whose
 * numbers are those of a control customer that had every entry from the start.
 */
@IntegrationTest
@AutoConfigureMockMvc
class CustomerMergesIntegrationTests {

	private static final double TOLERANCE = 1e-9;

	@Autowired
	private CustomerMerges merges;

	@Autowired
	private TestFeedback feedback;

	@Autowired
	private TrustScores scores;

	@Autowired
	private CustomersAtRisk atRisk;

	@Autowired
	private Promises promises;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private TestClock clock;

	@Autowired
	private MockMvc mvc;

	private Instant now;

	@BeforeEach
	void setUp() {
		now = clock.instant();
	}

	/**
	 * A reference like {@code MG-4821930} (letters, digits and a hyphen: all have
	 * full-width forms).
	 */
	private static String reference() {
		return "MG-" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
	}

	/** The first half of the entries, on one customer. */
	private void firstHalf(long customerId) {
		feedback.entry(customerId, now.minus(Duration.ofDays(40))).rating(Signal.QUALITY, 5).nps(9).save();
		feedback.entry(customerId, now.minus(Duration.ofDays(12)))
			.rating(Signal.COMMUNICATION, 1)
			.incident(IncidentType.BROKEN_PROMISE)
			.save();
		feedback.entry(customerId, now.minus(Duration.ofDays(3))).rating(Signal.VALUES, 4).csat(4).save();
	}

	/** The other half. */
	private void secondHalf(long customerId) {
		feedback.entry(customerId, now.minus(Duration.ofDays(20))).rating(Signal.TRANSPARENCY, 2).nps(3).save();
		feedback.entry(customerId, now.minus(Duration.ofDays(2))).rating(Signal.CONSISTENCY, 5).ces(6).save();
		feedback.entry(customerId, now.minus(Duration.ofHours(30)))
			.rating(Signal.QUALITY, 1)
			.incident(IncidentType.INCONSISTENT_SERVICE)
			.save();
	}

	/**
	 * A full-width twin of {@code reference}, stored as legacy rows were, in
	 * {@code segment}.
	 */
	private long plantTwin(String reference, String segment, BiConsumer<Long, String> withRows) {
		long twin = feedback.customer(reference + "-twin", "株式会社テスト", segment);
		withRows.accept(twin, reference + "-twin");
		jdbc.sql("update customer set reference = ? where id = ?").params(FullWidth.of(reference), twin).update();
		return twin;
	}

	private void promise(String reference, Duration due) {
		promises.record(new NewPromise(reference, null, "Call back", now.plus(due), TestUsers.MANAGER), "test");
	}

	private void closeCases(long customerId) {
		jdbc.sql("""
				update recovery_case set status = 'CLOSED', acknowledged_at = opened_at, resolved_at = opened_at,
				    closed_at = opened_at
				where customer_id = ? and status <> 'CLOSED'
				""").param(customerId).update();
	}

	private long count(String table, long customerId) {
		return jdbc.sql("select count(*) from " + table + " where customer_id = ?")
			.param(customerId)
			.query(Long.class)
			.single();
	}

	private void assertSameTrust(String what, ScopeTrust actual, ScopeTrust expected) {
		if (expected.score().trust() == null) {
			assertThat(actual.score().trust()).as(what).isNull();
		}
		else {
			assertThat(actual.score().trust()).as(what).isCloseTo(expected.score().trust(), within(TOLERANCE));
		}
		assertThat(actual.score().evidence()).as(what).isCloseTo(expected.score().evidence(), within(TOLERANCE));
		assertThat(actual.satisfaction()).as(what).isEqualTo(expected.satisfaction());
	}

	@Nested
	class Customers {

		@Test
		void mergedTwinLeavesOneCustomerWithEveryRowAndTheNumbersOfOneThatHadThemAll() {
			String reference = reference();
			String segment = TestFeedback.uniqueSegment();
			String twinSegment = TestFeedback.uniqueSegment();
			long survivor = feedback.customer(reference, "株式会社テスト", segment);
			firstHalf(survivor);
			promise(reference, Duration.ofDays(3));
			long twin = plantTwin(reference, twinSegment, (id, ref) -> {
				secondHalf(id);
				promise(ref, Duration.ofDays(5));
				// a case of the past: the survivor's case carries on
				closeCases(id);
			});
			String controlSegment = TestFeedback.uniqueSegment();
			long control = feedback.customer(controlSegment, "control");
			firstHalf(control);
			secondHalf(control);

			List<CustomerMerges.CustomerGroup> groups = merges.duplicateCustomers();
			assertThat(groups).filteredOn(group -> group.key().equals(reference)).singleElement().satisfies(group -> {
				assertThat(group.survivorId()).isEqualTo(survivor);
				assertThat(group.members()).extracting(CustomerMerges.Member::id)
					.containsExactlyInAnyOrder(survivor, twin);
				assertThat(group.members()).filteredOn(member -> member.id() == twin)
					.singleElement()
					.satisfies(member -> assertThat(member.rows()).containsEntry("merge.rows.entries", 3L)
						.containsEntry("merge.rows.cases", 1L)
						.containsEntry("merge.rows.promises", 1L));
			});

			CustomerMerges.CustomerMergePlan plan = merges.mergeCustomers(
					new CustomerMerges.CustomerMergeRequest(reference, List.of(FullWidth.of(reference)), null),
					TestUsers.ADMIN);
			assertThat(plan.moved()).containsEntry("merge.rows.entries", 3L);

			assertThat(jdbc.sql("select count(*) from customer where id = ?").param(twin).query(Long.class).single())
				.isZero();
			assertThat(count("feedback", survivor)).isEqualTo(6);
			assertThat(count("recovery_case", survivor)).isEqualTo(2);
			assertThat(count("promise", survivor)).isEqualTo(2);
			assertThat(count("customer_trust_sums", twin)).isZero();
			assertThat(jdbc.sql("select name from customer where id = ?").param(survivor).query(String.class).single())
				.isEqualTo("株式会社テスト");

			CustomerTrust merged = scores.forCustomer(survivor, now);
			CustomerTrust expected = scores.forCustomer(control, now);
			assertThat(merged.score().trust()).isCloseTo(expected.score().trust(), within(TOLERANCE));
			assertThat(merged.score().evidence()).isCloseTo(expected.score().evidence(), within(TOLERANCE));
			assertThat(merged.status()).isEqualTo(expected.status());
			assertThat(merged.negativeCount()).isEqualTo(expected.negativeCount());
			// the dashboard's numbers of the segments: the survivor's is the control's,
			// the
			// twin's has nothing left
			assertSameTrust("segment", scores.forScope(new Scope(segment, null), now),
					scores.forScope(new Scope(controlSegment, null), now));
			assertThat(jdbc.sql("select count(*) from trust_daily_sums where segment = ?")
				.param(twinSegment)
				.query(Long.class)
				.single()).isZero();
			CustomersAtRisk.Watchlist watch = atRisk.watchlist(segment, now, 10, 10);
			CustomersAtRisk.Watchlist controlWatch = atRisk.watchlist(controlSegment, now, 10, 10);
			assertThat(watch.atRisk()).isEqualTo(controlWatch.atRisk());
			assertThat(watch.watch()).isEqualTo(controlWatch.watch());
			// the stored sums are the sums of the survivor's entries' contributions
			assertThat(jdbc.sql("""
					select count(*) from customer_trust_sums s
					join (select basis_id, count(*) as n, sum(wp_quality) as wp from scoring_contribution
					      where customer_id = ? group by basis_id) c on c.basis_id = s.basis_id
					where s.customer_id = ? and (s.entries <> c.n or abs(s.wp_quality - c.wp) > 1e-9)
					""").params(survivor, survivor).query(Long.class).single()).isZero();

			assertThat(jdbc.sql("select summary from audit_event where type = 'CUSTOMERS_MERGED' and subject = ?")
				.param("customer " + reference)
				.query(String.class)
				.list()).containsExactly("Merged customer " + FullWidth.of(reference) + " into " + reference);
		}

		@Test
		void survivorTakesTheChosenCustomersNameAndEmail() {
			String reference = reference();
			long survivor = feedback.customer(reference, "Old name", "");
			long twin = plantTwin(reference, "", (id, ref) -> {
				feedback.entry(id, now.minus(Duration.ofDays(1))).rating(Signal.QUALITY, 4).save();
				jdbc.sql("update customer set name = 'New name', email = 'new@example.com' where id = ?")
					.param(id)
					.update();
			});

			merges.mergeCustomers(new CustomerMerges.CustomerMergeRequest(reference, List.of(FullWidth.of(reference)),
					FullWidth.of(reference)), TestUsers.ADMIN);

			assertThat(jdbc.sql("select name, email from customer where id = ?")
				.param(survivor)
				.query((rs, row) -> rs.getString(1) + " " + rs.getString(2))
				.single()).isEqualTo("New name new@example.com");
			assertThat(count("feedback", survivor)).isEqualTo(1);
			assertThat(jdbc.sql("select count(*) from customer where id = ?").param(twin).query(Long.class).single())
				.isZero();
		}

		@Nested
		class Refused {

			private void assertRefused(CustomerMerges.CustomerMergeRequest request, String messageKey) {
				assertThatThrownBy(() -> merges.mergeCustomers(request, TestUsers.ADMIN)).isInstanceOfSatisfying(
						MergeRefusedException.class, ex -> assertThat(ex.messageKey()).isEqualTo(messageKey));
			}

			@Test
			void whenBothHaveAnOpenCaseAndNothingChanges() {
				String reference = reference();
				long survivor = feedback.customer(reference, "A", "");
				firstHalf(survivor);
				long twin = plantTwin(reference, "", (id, ref) -> secondHalf(id));
				Map<String, Object> before = jdbc
					.sql("select (select count(*) from feedback where customer_id = ?) as a,"
							+ " (select count(*) from feedback where customer_id = ?) as b,"
							+ " (select count(*) from audit_event where type = 'CUSTOMERS_MERGED') as audits")
					.params(survivor, twin)
					.query()
					.singleRow();

				assertThatThrownBy(() -> merges.mergeCustomers(
						new CustomerMerges.CustomerMergeRequest(reference, List.of(FullWidth.of(reference)), null),
						TestUsers.ADMIN))
					.isInstanceOfSatisfying(MergeRefusedException.class, ex -> {
						assertThat(ex.messageKey()).isEqualTo("merge.refused.twoOpenCases");
						assertThat(ex.conflict()).isTrue();
					});

				assertThat(jdbc
					.sql("select (select count(*) from feedback where customer_id = ?) as a,"
							+ " (select count(*) from feedback where customer_id = ?) as b,"
							+ " (select count(*) from audit_event where type = 'CUSTOMERS_MERGED') as audits")
					.params(survivor, twin)
					.query()
					.singleRow()).isEqualTo(before);
			}

			@Test
			void intoItself() {
				String reference = reference();
				feedback.customer(reference, "A", "");
				assertRefused(new CustomerMerges.CustomerMergeRequest(reference, List.of(reference), null),
						"merge.refused.sameCustomer");
			}

			@Test
			void forAnUnknownReference() {
				String reference = reference();
				feedback.customer(reference, "A", "");
				assertRefused(new CustomerMerges.CustomerMergeRequest(reference, List.of(reference() + "-none"), null),
						"merge.refused.unknownCustomer");
				assertRefused(new CustomerMerges.CustomerMergeRequest(reference, List.of(), null),
						"merge.refused.absorbedMissing");
			}

			@Test
			void forAnErasedCustomer() {
				String reference = reference();
				feedback.customer(reference, "A", "");
				String other = reference();
				long erased = feedback.customer(other, "B", "");
				jdbc.sql("update customer set erased_at = now() where id = ?").param(erased).update();
				assertRefused(new CustomerMerges.CustomerMergeRequest(reference, List.of(other), null),
						"merge.refused.erased");
				assertThat(
						jdbc.sql("select count(*) from customer where id = ?").param(erased).query(Long.class).single())
					.isOne();
			}

			@Test
			void asProblemJsonInTheApi() throws Exception {
				String reference = reference();
				feedback.customer(reference, "A", "");
				MockHttpServletResponse response = mvc
					.perform(post("/api/v1/customers/merge").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
						.header("Accept-Language", "ja")
						.contentType(MediaType.APPLICATION_JSON)
						.content("{\"survivorRef\": \"" + reference + "\", \"absorbedRefs\": [\"" + reference + "\"]}"))
					.andReturn()
					.getResponse();
				assertThat(response.getStatus()).isEqualTo(400);
				assertThat(response.getContentType()).startsWith("application/problem+json");
				assertThat(response.getContentAsString()).contains("\"absorbed\"").contains("それ自身に統合");
			}

		}

		@Test
		void dryRunInTheApiSaysWhatWouldMoveAndMovesNothing() throws Exception {
			String reference = reference();
			long survivor = feedback.customer(reference, "A", "");
			long twin = plantTwin(reference, "",
					(id, ref) -> feedback.entry(id, now.minus(Duration.ofDays(1))).rating(Signal.QUALITY, 4).save());
			String body = "{\"survivorRef\": \"" + reference + "\", \"absorbedRefs\": [\"" + FullWidth.of(reference)
					+ "\"], \"dryRun\": true}";
			MockHttpServletResponse response = mvc
				.perform(post("/api/v1/customers/merge").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString()).contains("\"dryRun\":true").contains("\"entries\":1");
			assertThat(count("feedback", twin)).isOne();

			response = mvc
				.perform(post("/api/v1/customers/merge").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
					.contentType(MediaType.APPLICATION_JSON)
					.content(body.replace("true", "false")))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(count("feedback", survivor)).isOne();
		}

	}

	@Nested
	class Segments {

		@Test
		void mergedSegmentMovesItsCustomersTheirNumbersAndItsScopedUsers() {
			String segment = "SG" + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 10_000_000L);
			String wide = FullWidth.of(segment);
			long first = feedback.customer(segment, "first");
			firstHalf(first);
			long second = feedback.customer(TestFeedback.uniqueSegment(), "second");
			secondHalf(second);
			jdbc.sql("update customer set segment = ? where id = ?").params(wide, second).update();
			String controlSegment = TestFeedback.uniqueSegment();
			long control = feedback.customer(controlSegment, "control");
			firstHalf(control);
			secondHalf(control);
			long staff = jdbc.sql("select id from app_user where username = ?")
				.param(TestUsers.STAFF)
				.query(Long.class)
				.single();
			jdbc.sql("insert into app_user_segment (user_id, segment) values (?, ?)").params(staff, wide).update();
			try {
				assertThat(merges.duplicateSegments()).filteredOn(group -> group.key().equals(segment))
					.singleElement()
					.satisfies(group -> assertThat(group.survivor()).isEqualTo(segment));

				CustomerMerges.SegmentMergePlan plan = merges
					.mergeSegments(new CustomerMerges.SegmentMergeRequest(segment, List.of(wide)), TestUsers.ADMIN);
				assertThat(plan.moved()).containsEntry("merge.rows.customers", 1L)
					.containsEntry("merge.rows.userScopes", 1L);

				assertThat(jdbc.sql("select segment from customer where id = ?")
					.param(second)
					.query(String.class)
					.single()).isEqualTo(segment);
				assertSameTrust("segment", scores.forScope(new Scope(segment, null), now),
						scores.forScope(new Scope(controlSegment, null), now));
				assertThat(jdbc.sql("select count(*) from trust_daily_sums where segment = ?")
					.param(wide)
					.query(Long.class)
					.single()).isZero();
				assertThat(jdbc.sql("select segment from app_user_segment where user_id = ? and segment in (?, ?)")
					.params(staff, segment, wide)
					.query(String.class)
					.list()).containsExactly(segment);
				assertThat(jdbc.sql("select count(*) from audit_event where type = 'SEGMENTS_MERGED' and subject = ?")
					.param("segment:" + segment)
					.query(Long.class)
					.single()).isOne();
			}
			finally {
				jdbc.sql("delete from app_user_segment where user_id = ? and segment in (?, ?)")
					.params(staff, segment, wide)
					.update();
			}
		}

		@Test
		void refusesAnUnknownSegmentAndTheSameSegment() {
			String segment = TestFeedback.uniqueSegment();
			feedback.customer(segment, "only");
			assertThatThrownBy(() -> merges.mergeSegments(
					new CustomerMerges.SegmentMergeRequest(segment, List.of(segment + "-none")), TestUsers.ADMIN))
				.isInstanceOfSatisfying(MergeRefusedException.class,
						ex -> assertThat(ex.messageKey()).isEqualTo("merge.refused.unknownSegment"));
			assertThatThrownBy(() -> merges
				.mergeSegments(new CustomerMerges.SegmentMergeRequest(segment, List.of(segment)), TestUsers.ADMIN))
				.isInstanceOfSatisfying(MergeRefusedException.class,
						ex -> assertThat(ex.messageKey()).isEqualTo("merge.refused.sameSegment"));
			assertThat(jdbc.sql("select count(*) from customer where segment = ?")
				.param(segment)
				.query(Long.class)
				.single()).isOne();
		}

	}

}
