package io.shinrai.feedback.csv;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDateTimesTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "2026-05-01T09:30:00Z | 2026-05-01T09:30:00Z", "2026-05-01T09:30Z | 2026-05-01T09:30:00Z",
					"2026-05-01T09:30:00+09:00 | 2026-05-01T00:30:00Z",
					"2026-05-01T09:30:00.123456+0900 | 2026-05-01T00:30:00.123456Z",
					"2026-05-01 09:30 +09:00 | 2026-05-01T00:30:00Z", "2026-05-01T09:30 | 2026-05-01T00:30:00Z",
					"2026-05-01 09:30 | 2026-05-01T00:30:00Z", "2026-05-01 09:30:15 | 2026-05-01T00:30:15Z",
					"2026/05/01 9:30 | 2026-05-01T00:30:00Z", "2026/5/1 9:30 | 2026-05-01T00:30:00Z",
					"2026-05-01 | 2026-04-30T15:00:00Z", "2026/05/01 | 2026-04-30T15:00:00Z" })
	void readsInstantsLocalDateTimesAndDatesInTheBusinessZone(String text, String expected) {
		assertThat(CsvDateTimes.parse(text, TOKYO)).contains(Instant.parse(expected));
	}

	@ParameterizedTest
	@ValueSource(strings = { "yesterday", "2026-13-01", "2026-02-30", "2026-05-01T25:00", "2026-05-01/12:00",
			"01/05/2026", "2026-05/01", "2026-05-01T09:30+25:00", "1714550400", "" })
	void refusesWhatIsNotADate(String text) {
		assertThat(CsvDateTimes.parse(text, TOKYO)).isEmpty();
	}

}
