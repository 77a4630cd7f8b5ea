package io.shinrai.feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackRulesTests {

	private static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");

	static NewFeedback.Builder valid() {
		return NewFeedback.builder()
			.customer("C-1", "Aiko Tanaka", "Retail")
			.receivedAt(NOW.minus(Duration.ofHours(1)))
			.channel(Channel.EMAIL)
			.category(Category.DELIVERY)
			.rating(Signal.QUALITY, 4)
			.source(Source.FORM)
			.loggedBy("manager");
	}

	private static List<Violation> check(NewFeedback.Builder entry) {
		return FeedbackRules.check(entry.build(), NOW);
	}

	private static void assertOnlyViolation(NewFeedback.Builder entry, String field, String key) {
		assertThat(check(entry)).extracting(Violation::field, Violation::messageKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(field, key));
	}

	@Test
	void acceptsACompleteEntry() {
		assertThat(check(valid().nps(0)
			.csat(1)
			.ces(7)
			.incident(IncidentType.BROKEN_PROMISE, "late twice")
			.comment("配送が遅れた")
			.externalId("X-1"))).isEmpty();
	}

	@Test
	void acceptsAnEntryWithOnlyAnIncident() {
		assertThat(check(NewFeedback.builder()
			.customer("C-1", null, null)
			.receivedAt(NOW)
			.channel(Channel.PHONE)
			.category(Category.PRICE)
			.incident(IncidentType.HIDDEN_FEES, null))).isEmpty();
	}

	@Test
	void stripsTextAndTreatsBlankAsAbsent() {
		NewFeedback entry = valid().customer("  C-1 ", "   ", "\t").comment("  ok  ").externalId(" ").build();
		assertThat(entry.customerRef()).isEqualTo("C-1");
		assertThat(entry.customerName()).isNull();
		assertThat(entry.segment()).isNull();
		assertThat(entry.comment()).isEqualTo("ok");
		assertThat(entry.externalId()).isNull();
	}

	@Nested
	class Customer {

		@Test
		void rejectsAMissingReference() {
			assertOnlyViolation(valid().customer("  ", "Name", null), "customerRef",
					"feedback.rule.customerRef.required");
		}

		@Test
		void rejectsAReferenceLongerThan100Characters() {
			assertOnlyViolation(valid().customer("R".repeat(101), "Name", null), "customerRef",
					"feedback.rule.tooLong");
			assertThat(check(valid().customer("R".repeat(100), "Name", null))).isEmpty();
		}

		@Test
		void rejectsANameLongerThan200Characters() {
			assertOnlyViolation(valid().customer("C-1", "N".repeat(201), null), "customerName",
					"feedback.rule.tooLong");
		}

		@Test
		void rejectsASegmentLongerThan100Characters() {
			assertOnlyViolation(valid().customer("C-1", "Name", "S".repeat(101)), "segment", "feedback.rule.tooLong");
		}

	}

	@Nested
	class ReceivedAtRule {

		@Test
		void rejectsAMissingTime() {
			assertOnlyViolation(valid().receivedAt(null), "receivedAt", "feedback.rule.receivedAt.required");
		}

		@Test
		void rejectsAFutureTimeBeyondTheClockSkew() {
			assertOnlyViolation(valid().receivedAt(NOW.plus(Duration.ofMinutes(6))), "receivedAt",
					"feedback.rule.receivedAt.future");
		}

		@Test
		void acceptsATimeWithinTheClockSkew() {
			assertThat(check(valid().receivedAt(NOW.plus(Duration.ofMinutes(4))))).isEmpty();
		}

		@Test
		void rejectsATimeBefore2000() {
			assertOnlyViolation(valid().receivedAt(Instant.parse("1999-12-31T23:59:59Z")), "receivedAt",
					"feedback.rule.receivedAt.tooEarly");
			assertThat(check(valid().receivedAt(FeedbackRules.EARLIEST))).isEmpty();
		}

	}

	@Nested
	class ChannelAndCategory {

		@Test
		void rejectsAMissingChannel() {
			assertOnlyViolation(valid().channel(null), "channel", "feedback.rule.channel.required");
		}

		@Test
		void rejectsAMissingCategory() {
			assertOnlyViolation(valid().category(null), "category", "feedback.rule.category.required");
		}

	}

	@Nested
	class Scores {

		@ParameterizedTest
		@ValueSource(ints = { 0, 6, -1 })
		void rejectsARatingOutsideOneToFive(int rating) {
			assertOnlyViolation(valid().rating(Signal.VALUES, rating), "ratings.values", "feedback.rule.rating.range");
		}

		@ParameterizedTest
		@EnumSource(Signal.class)
		void acceptsRatingsFromOneToFiveForEverySignal(Signal signal) {
			assertThat(check(valid().rating(signal, 1))).isEmpty();
			assertThat(check(valid().rating(signal, 5))).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(ints = { -1, 11 })
		void rejectsAnNpsOutsideZeroToTen(int nps) {
			assertOnlyViolation(valid().nps(nps), "nps", "feedback.rule.nps.range");
		}

		@Test
		void acceptsNpsZeroAndTen() {
			assertThat(check(valid().nps(0))).isEmpty();
			assertThat(check(valid().nps(10))).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(ints = { 0, 6 })
		void rejectsACsatOutsideOneToFive(int csat) {
			assertOnlyViolation(valid().csat(csat), "csat", "feedback.rule.csat.range");
		}

		@ParameterizedTest
		@ValueSource(ints = { 0, 8 })
		void rejectsACesOutsideOneToSeven(int ces) {
			assertOnlyViolation(valid().ces(ces), "ces", "feedback.rule.ces.range");
		}

		@Test
		void acceptsCesSeven() {
			assertThat(check(valid().ces(7))).isEmpty();
		}

		@Test
		void rejectsAnEntryWithoutRatingScoreOrIncident() {
			NewFeedback.Builder empty = NewFeedback.builder()
				.customer("C-1", null, null)
				.receivedAt(NOW)
				.channel(Channel.EMAIL)
				.category(Category.OTHER)
				.comment("just a comment");
			assertOnlyViolation(empty, "ratings", "feedback.rule.content.required");
		}

		@Test
		void theRangeMessageNamesTheLimits() {
			assertThat(check(valid().ces(9))).singleElement()
				.satisfies(violation -> assertThat(violation.args()).containsExactly(1, 7));
		}

	}

	@Nested
	class Text {

		@Test
		void rejectsACommentLongerThan4000Characters() {
			assertOnlyViolation(valid().comment("x".repeat(4001)), "comment", "feedback.rule.tooLong");
			assertThat(check(valid().comment("x".repeat(4000)))).isEmpty();
		}

		@Test
		void countsCharactersNotUtf16UnitsLikeTheDatabase() {
			assertThat(check(valid().comment("😀".repeat(4000)))).isEmpty();
			assertThat(check(valid().comment("信".repeat(4001)))).singleElement()
				.satisfies(violation -> assertThat(violation.args()).containsExactly(4000, 4001));
		}

		@Test
		void rejectsAnIncidentNoteLongerThan300Characters() {
			assertOnlyViolation(valid().incident(IncidentType.DATA_MISUSE, "n".repeat(301)), "incidents.DATA_MISUSE",
					"feedback.rule.tooLong");
		}

		@Test
		void rejectsAnExternalIdLongerThan200Characters() {
			assertOnlyViolation(valid().externalId("e".repeat(201)), "externalId", "feedback.rule.tooLong");
		}

		@Test
		void removesNulCharactersThatTheDatabaseCannotStore() {
			assertThat(valid().comment("a\0b").build().comment()).isEqualTo("ab");
		}

	}

	@Test
	void reportsEveryBrokenRuleAtOnce() {
		assertThat(check(valid().customer("", null, null).channel(null).nps(12).comment("x".repeat(4001))))
			.extracting(Violation::field)
			.containsExactlyInAnyOrder("customerRef", "channel", "nps", "comment");
	}

}
