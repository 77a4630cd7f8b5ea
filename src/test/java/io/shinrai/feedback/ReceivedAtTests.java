package io.shinrai.feedback;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedAtTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "2026-05-01T10:15:00Z        | 2026-05-01T10:15:00Z",
			"2026-05-01T10:15:30.5Z      | 2026-05-01T10:15:30.500Z",
			"2026-05-01T19:15:00+09:00   | 2026-05-01T10:15:00Z", "2026-05-01T05:15-05:00      | 2026-05-01T10:15:00Z",
			"2026-05-01T19:15            | 2026-05-01T10:15:00Z", "2026-05-01 19:15:00         | 2026-05-01T10:15:00Z",
			"2026/05/01 19:15            | 2026-05-01T10:15:00Z", "2026-05-01                  | 2026-04-30T15:00:00Z",
			"2026/05/01                  | 2026-04-30T15:00:00Z",
			"2026/5/1                    | 2026-04-30T15:00:00Z" })
	void readsInstantsLocalDateTimesAndDatesInTheBusinessZone(String text, String expected) {
		assertThat(ReceivedAt.parse(text, TOKYO)).contains(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "  ", "yesterday", "2026-02-30", "2026-13-01", "01/05/2026", "2026-05-01T25:00", "12345" })
	void refusesWhatIsNotATime(String text) {
		assertThat(ReceivedAt.parse(text, TOKYO)).isEmpty();
	}

}
