package io.shinrai.feedback;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.shinrai.IntegrationTest;
import io.shinrai.customer.CustomerDirectory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Page;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
@RecordApplicationEvents
class FeedbackLogIntegrationTests {

	@Autowired
	private FeedbackLog log;

	@Autowired
	private CustomerDirectory customers;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ApplicationEvents events;

	@Autowired
	private org.springframework.transaction.support.TransactionTemplate transactions;

	private final String ref = "T-" + UUID.randomUUID();

	private NewFeedback.Builder entry() {
		return NewFeedback.builder()
			.customer(ref, "Aiko Tanaka", "Retail")
			.receivedAt(Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS))
			.channel(Channel.EMAIL)
			.category(Category.DELIVERY)
			.rating(Signal.QUALITY, 4)
			.source(Source.API)
			.loggedBy("manager");
	}

	private long rows(String sql, Object param) {
		return jdbc.sql(sql).param(param).query(Long.class).single();
	}

	@Nested
	class Log {

		@Test
		void storesTheEntryWithItsNewCustomerAndIncidentsAndPublishesTheEvent() {
			StoredFeedback stored = log.log(entry().rating(Signal.CONSISTENCY, 2)
				.nps(3)
				.incident(IncidentType.BROKEN_PROMISE, "promised Monday, came Friday")
				.incident(IncidentType.PRODUCT_DEFECT, null)
				.comment("配送が遅れた")
				.build());

			StoredFeedback read = log.get(stored.id());
			assertThat(read).isEqualTo(stored);
			assertThat(read.customerRef()).isEqualTo(ref);
			assertThat(read.customerName()).isEqualTo("Aiko Tanaka");
			assertThat(read.customerSegment()).isEqualTo("Retail");
			assertThat(read.ratings()).containsEntry(Signal.QUALITY, 4).containsEntry(Signal.CONSISTENCY, 2).hasSize(2);
			assertThat(read.incidents()).containsEntry(IncidentType.BROKEN_PROMISE, "promised Monday, came Friday")
				.containsEntry(IncidentType.PRODUCT_DEFECT, null);
			assertThat(read.negative()).isTrue();
			assertThat(read.version()).isZero();
			assertThat(customers.findByReference(ref)).isPresent();
			assertThat(events.stream(FeedbackLogged.class)).containsExactly(FeedbackLogged.of(stored.entry()));
		}

		@Test
		void storesAPositiveEntryAsNotNegative() {
			assertThat(log.log(entry().rating(Signal.VALUES, 5).nps(9).build()).negative()).isFalse();
		}

		@Test
		void refusesAnUnknownCustomerWithoutANameAndStoresNothing() {
			assertThatThrownBy(() -> log.log(entry().customer(ref, null, null).build()))
				.isInstanceOfSatisfying(InvalidFeedbackException.class, ex -> assertThat(ex.violations())
					.extracting(Violation::field, Violation::messageKey)
					.containsExactly(
							org.assertj.core.groups.Tuple.tuple("customerName", FeedbackRules.CUSTOMER_NAME_REQUIRED)));
			assertThat(customers.findByReference(ref)).isEmpty();
			assertThat(events.stream(FeedbackLogged.class)).isEmpty();
		}

		@Test
		void checksTheRulesAndTheNewCustomersNameTogetherBeforeStoring() {
			assertThat(log.check(entry().customer(ref, null, null).nps(11).build())).extracting(Violation::field)
				.containsExactlyInAnyOrder("nps", "customerName");
			log.log(entry().build());
			assertThat(log.check(entry().customer(ref, null, null).build())).isEmpty();
		}

		@Test
		void usesAnExistingCustomerWithoutANameAndKeepsItsName() {
			log.log(entry().build());
			StoredFeedback second = log.log(entry().customer(ref, "Other Name", "Other").build());
			assertThat(second.customerName()).isEqualTo("Aiko Tanaka");
			assertThat(log.log(entry().customer(ref, null, null).build()).customerId()).isEqualTo(second.customerId());
		}

		@Test
		void refusesABrokenRule() {
			assertThatThrownBy(() -> log.log(entry().nps(11).build())).isInstanceOf(InvalidFeedbackException.class);
		}

		@Test
		void answersASecondExternalIdWithTheExistingEntryAndNoSecondRow() {
			String externalId = "EXT-" + UUID.randomUUID();
			StoredFeedback first = log.log(entry().externalId(externalId).build());
			assertThatThrownBy(() -> log.log(entry().externalId(externalId).rating(Signal.QUALITY, 1).build()))
				.isInstanceOfSatisfying(DuplicateFeedbackException.class,
						ex -> assertThat(ex.existing()).isEqualTo(first));
			assertThat(rows("select count(*) from feedback where external_id = ?", externalId)).isEqualTo(1);
			assertThat(events.stream(FeedbackLogged.class)).hasSize(1);
		}

		@Test
		void storesOneEntryWhenTheSameExternalIdArrivesConcurrently() throws Exception {
			String externalId = "EXT-" + UUID.randomUUID();
			log.log(entry().nps(9).externalId("EXT-" + UUID.randomUUID()).build()); // the
																					// customer
																					// exists
			List<Object> outcomes = concurrently(8, () -> {
				try {
					return log.log(entry().externalId(externalId).build());
				}
				catch (DuplicateFeedbackException ex) {
					return ex;
				}
			});
			assertThat(outcomes).filteredOn(StoredFeedback.class::isInstance).hasSize(1);
			assertThat(outcomes).filteredOn(DuplicateFeedbackException.class::isInstance).hasSize(7);
			assertThat(rows("select count(*) from feedback where external_id = ?", externalId)).isEqualTo(1);
		}

		@Test
		void createsOneCustomerWhenTheSameNewReferenceArrivesConcurrently() throws Exception {
			List<Object> outcomes = concurrently(6, () -> log.log(entry().build()));
			assertThat(outcomes).extracting(outcome -> ((StoredFeedback) outcome).customerId())
				.containsOnly(customers.findByReference(ref).orElseThrow().getId());
			assertThat(rows("select count(*) from customer where reference = ?", ref)).isEqualTo(1);
		}

	}

	@Nested
	class LogOnce {

		@Test
		void storesOneEntryForTwoSubmissionsOfTheSameForm() {
			UUID token = UUID.randomUUID();
			StoredFeedback first = log.logOnce(token, entry().source(Source.FORM).build());
			StoredFeedback second = log.logOnce(token, entry().source(Source.FORM).build());
			assertThat(second.id()).isEqualTo(first.id());
			assertThat(rows(
					"select count(*) from feedback f join customer c on c.id = f.customer_id where c.reference = ?",
					ref))
				.isEqualTo(1);
			assertThat(events.stream(FeedbackLogged.class)).hasSize(1);
		}

		@Test
		void storesOneEntryForConcurrentSubmissionsOfTheSameForm() throws Exception {
			UUID token = UUID.randomUUID();
			List<Object> outcomes = concurrently(5, () -> log.logOnce(token, entry().source(Source.FORM).build()));
			assertThat(outcomes).extracting(outcome -> ((StoredFeedback) outcome).id())
				.containsOnly(((StoredFeedback) outcomes.get(0)).id());
			assertThat(rows(
					"select count(*) from feedback f join customer c on c.id = f.customer_id where c.reference = ?",
					ref))
				.isEqualTo(1);
		}

		@Test
		void aRejectedSubmissionLeavesTheTokenUsableForTheCorrectedOne() {
			UUID token = UUID.randomUUID();
			assertThatThrownBy(() -> log.logOnce(token, entry().customer(ref, null, null).build()))
				.isInstanceOf(InvalidFeedbackException.class);
			StoredFeedback stored = log.logOnce(token, entry().source(Source.FORM).build());
			assertThat(log.logOnce(token, entry().source(Source.FORM).build()).id()).isEqualTo(stored.id());
		}

	}

	@Nested
	class LogBatch {

		@Test
		void storesTheBatchCreatesCustomersAndPublishesOneEvent() {
			String other = "T-" + UUID.randomUUID();
			List<NewFeedback> batch = List.of(entry().externalId("B-" + UUID.randomUUID()).source(Source.CSV).build(),
					entry().customer(other, "Kenji Sato", "B2B")
						.rowHash(UUID.randomUUID().toString())
						.incident(IncidentType.HIDDEN_FEES, "fee not on the invoice")
						.source(Source.CSV)
						.build(),
					entry().customer(other, null, null).nps(10).source(Source.CSV).build());
			BatchResult result = log.logBatch(batch);

			assertThat(result.storedCount()).isEqualTo(3);
			assertThat(result.storedIndexes()).containsExactly(0, 1, 2);
			assertThat(result.skippedCount()).isZero();
			assertThat(result.rejected()).isEmpty();
			assertThat(events.stream(FeedbackLogged.class)).singleElement()
				.satisfies(event -> assertThat(event.entries()).isEqualTo(result.stored()));
			StoredFeedback withIncident = log.get(result.stored().get(1).feedbackId());
			assertThat(withIncident.customerName()).isEqualTo("Kenji Sato");
			assertThat(withIncident.incidents()).containsEntry(IncidentType.HIDDEN_FEES, "fee not on the invoice");
			assertThat(withIncident.negative()).isTrue();
			assertThat(withIncident.source()).isEqualTo(Source.CSV);
		}

		@Test
		void skipsEntriesImportedBeforeByExternalIdOrRowHash() {
			List<NewFeedback> batch = List.of(entry().externalId("B-" + UUID.randomUUID()).build(),
					entry().rowHash("H-" + UUID.randomUUID()).build(), entry().build());
			assertThat(log.logBatch(batch).storedCount()).isEqualTo(3);

			BatchResult again = log.logBatch(batch);
			assertThat(again.storedIndexes()).containsExactly(2); // no key: nothing to
																	// recognise it by
			assertThat(again.skippedIndexes()).containsExactly(0, 1);
			assertThat(rows(
					"select count(*) from feedback f join customer c on c.id = f.customer_id where c.reference = ?",
					ref))
				.isEqualTo(4);
		}

		@Test
		void skipsTheSecondOfTwoEntriesWithTheSameExternalIdInOneBatch() {
			String externalId = "B-" + UUID.randomUUID();
			BatchResult result = log
				.logBatch(List.of(entry().externalId(externalId).build(), entry().externalId(externalId).build()));
			assertThat(result.storedIndexes()).containsExactly(0);
			assertThat(result.skippedIndexes()).containsExactly(1);
		}

		@Test
		void rejectsEntriesOfUnknownCustomersWithoutANameOrBreakingARuleAndStoresTheRest() {
			BatchResult result = log.logBatch(List.of(entry().customer("T-" + UUID.randomUUID(), null, null).build(),
					entry().build(), entry().ces(9).build()));
			assertThat(result.storedIndexes()).containsExactly(1);
			assertThat(result.rejected()).extracting(BatchResult.Rejected::index).containsExactly(0, 2);
			assertThat(result.rejected().get(0).violations()).extracting(Violation::field)
				.containsExactly("customerName");
			assertThat(result.rejected().get(1).violations()).extracting(Violation::field).containsExactly("ces");
		}

		@Test
		void publishesNothingForABatchThatStoresNothing() {
			assertThat(log.logBatch(List.of()).storedCount()).isZero();
			assertThat(events.stream(FeedbackLogged.class)).isEmpty();
		}

	}

	@Nested
	class Correct {

		@Test
		void replacesTheContentAuditsBeforeAndAfterAndPublishesTheOldEntry() {
			StoredFeedback original = log.log(entry().comment("slow delivery").build());
			events.clear();
			NewFeedback corrected = entry().rating(Signal.QUALITY, 2)
				.incident(IncidentType.PRODUCT_DEFECT, "broken on arrival")
				.comment("broken delivery")
				.build();

			StoredFeedback after = log.correct(original.id(), corrected, original.version(), "manager");

			assertThat(after.version()).isEqualTo(1);
			assertThat(after.ratings()).containsEntry(Signal.QUALITY, 2);
			assertThat(after.incidents()).containsEntry(IncidentType.PRODUCT_DEFECT, "broken on arrival");
			assertThat(after.negative()).isTrue();
			assertThat(after.source()).isEqualTo(Source.API);
			assertThat(events.stream(FeedbackLogged.class))
				.containsExactly(new FeedbackLogged(List.of(after.entry()), original.entry()));
			var audit = jdbc
				.sql("select actor, summary, before_state, after_state from audit_event"
						+ " where type = 'FEEDBACK_CORRECTED' and subject = ?")
				.param("feedback " + original.id())
				.query((rs, row) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
				.single();
			assertThat(audit.get(0)).isEqualTo("manager");
			assertThat(audit.get(1)).contains("quality", "incidents", "comment").doesNotContain("channel");
			assertThat(audit.get(2)).contains("quality: 4", "comment: slow delivery");
			assertThat(audit.get(3)).contains("quality: 2", "PRODUCT_DEFECT (broken on arrival)",
					"comment: broken delivery");
		}

		@Test
		void refusesAStaleVersionAndChangesNothing() {
			StoredFeedback original = log.log(entry().build());
			log.correct(original.id(), entry().nps(5).build(), 0, "manager");
			assertThatThrownBy(() -> log.correct(original.id(), entry().nps(9).build(), 0, "admin"))
				.isInstanceOfSatisfying(FeedbackChangedException.class,
						ex -> assertThat(ex.current().nps()).isEqualTo(5));
			assertThat(log.get(original.id()).nps()).isEqualTo(5);
		}

		@Test
		void acceptsTheSameCorrectionSentTwiceAndChangesOnce() {
			StoredFeedback original = log.log(entry().build());
			NewFeedback corrected = entry().nps(5).build();
			StoredFeedback first = log.correct(original.id(), corrected, 0, "manager");
			StoredFeedback second = log.correct(original.id(), corrected, 0, "manager");
			assertThat(second).isEqualTo(first);
			assertThat(rows("select count(*) from audit_event where subject = ?", "feedback " + original.id()))
				.isEqualTo(1);
		}

		@Test
		void movesTheEntryToAnotherCustomer() {
			StoredFeedback original = log.log(entry().build());
			String other = "T-" + UUID.randomUUID();
			StoredFeedback after = log.correct(original.id(), entry().customer(other, "New Customer", null).build(), 0,
					"manager");
			assertThat(after.customerRef()).isEqualTo(other);
			assertThat(after.customerId()).isNotEqualTo(original.customerId());
		}

		@Test
		void answersNotFoundForAnUnknownEntry() {
			assertThatThrownBy(() -> log.correct(Long.MAX_VALUE, entry().build(), 0, "manager"))
				.isInstanceOf(io.shinrai.system.NotFoundException.class);
		}

	}

	@Nested
	class Search {

		@Test
		void filtersByCustomerTextChannelCategoryNegativeIncidentAndPeriod() {
			Instant t = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS);
			StoredFeedback japanese = log.log(entry().receivedAt(t).comment("配送が遅れた").build());
			StoredFeedback english = log.log(entry().receivedAt(t.plusSeconds(60))
				.channel(Channel.PHONE)
				.category(Category.BILLING)
				.comment("Invoice had 100% wrong_total")
				.build());
			StoredFeedback incident = log
				.log(entry().receivedAt(t.plusSeconds(120)).incident(IncidentType.DATA_MISUSE, null).build());

			assertThat(ids(filter(null, null, null, null, false, null, null))).containsExactly(incident.id(),
					english.id(), japanese.id());
			assertThat(ids(filter(null, null, null, null, false, null, "配送"))).containsExactly(japanese.id());
			assertThat(ids(filter(null, null, null, null, false, null, "INVOICE"))).containsExactly(english.id());
			assertThat(ids(filter(null, null, null, null, false, null, "100%"))).containsExactly(english.id());
			assertThat(ids(filter(null, null, null, null, false, null, "g_t"))).containsExactly(english.id());
			assertThat(ids(filter(null, null, null, null, false, null, "0% w_"))).isEmpty();
			assertThat(ids(filter(null, null, null, null, false, null, "Invoice_had"))).isEmpty();
			assertThat(ids(filter(null, null, null, null, false, null, "0% wrong_"))).containsExactly(english.id());
			assertThat(ids(filter(null, null, null, null, false, null, "%"))).containsExactly(english.id());
			assertThat(ids(filter(null, null, Channel.PHONE, null, false, null, null))).containsExactly(english.id());
			assertThat(ids(filter(null, null, null, Category.DELIVERY, false, null, null)))
				.containsExactly(incident.id(), japanese.id());
			assertThat(ids(filter(null, null, null, null, true, null, null))).containsExactly(incident.id());
			assertThat(ids(filter(null, null, null, null, false, IncidentType.DATA_MISUSE, null)))
				.containsExactly(incident.id());
			assertThat(ids(filter(t.plusSeconds(60), t.plusSeconds(120), null, null, false, null, null)))
				.containsExactly(english.id());
		}

		@Test
		void pagesNewestFirst() {
			Instant t = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
			List<Long> ids = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				ids.add(0, log.log(entry().receivedAt(t.plusSeconds(i)).build()).id());
			}
			FeedbackFilter mine = new FeedbackFilter(null, null, null, null, false, null, ref, null, null);
			Page<StoredFeedback> second = log.search(mine, 1, 2);
			assertThat(second.getTotalElements()).isEqualTo(5);
			assertThat(second.getTotalPages()).isEqualTo(3);
			assertThat(second.getContent()).extracting(StoredFeedback::id).containsExactly(ids.get(2), ids.get(3));
			assertThat(log.search(mine, 7, 2).getContent()).isEmpty();
		}

		@Test
		void exportsEveryMatchingEntry() {
			log.log(entry().build());
			log.log(entry().nps(2).build());
			List<StoredFeedback> exported = new ArrayList<>();
			log.export(new FeedbackFilter(null, null, null, null, false, null, ref, null, null), exported::add);
			assertThat(exported).hasSize(2).allSatisfy(row -> assertThat(row.customerRef()).isEqualTo(ref));
		}

		@Test
		void theTextSearchCanUseTheTrigramIndexOfComments() {
			// the planner prefers a scan of a small table; switched off, it shows whether
			// the index can serve the search
			List<String> plan = transactions.execute(status -> {
				jdbc.sql("set local enable_seqscan = off").update();
				return jdbc.sql("explain select count(*) from feedback f where f.comment ilike ?")
					.param("%" + FeedbackRows.escapeLike("invoice_100%") + "%")
					.query(String.class)
					.list();
			});
			assertThat(String.join("\n", plan)).contains("feedback_comment_trgm_idx");
		}

		private FeedbackFilter filter(Instant from, Instant to, Channel channel, Category category, boolean negative,
				IncidentType incident, String text) {
			return new FeedbackFilter(from, to, channel, category, negative, incident, ref, null, text);
		}

		private List<Long> ids(FeedbackFilter filter) {
			return log.search(filter, 0, 100).getContent().stream().map(StoredFeedback::id).toList();
		}

	}

	private static List<Object> concurrently(int count, Callable<Object> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Object>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<Object> outcomes = new ArrayList<>();
			for (Future<Object> future : futures) {
				outcomes.add(future.get());
			}
			return outcomes;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
