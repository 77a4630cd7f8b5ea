package io.shinrai.system;

import java.time.Instant;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessTimeTests {

	private final BusinessTime time = new BusinessTime(new BusinessTimeProperties(ZoneId.of("Asia/Tokyo")),
			Clock.systemUTC());

	private final Instant instant = Instant.parse("2026-05-01T00:30:15.123456Z");

	@Test
	void datetimeAttributeIsTheInstantToTheSecondWithTheZonesOffset() {
		assertThat(time.iso(instant)).isEqualTo("2026-05-01T09:30:15+09:00");
		assertThat(time.iso(null)).isEmpty();
	}

	@AfterEach
	void resetLanguage() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void oneDateAndOneDateTimeFormatPerLanguageInTheBusinessZone() {
		LocaleContextHolder.setLocale(Locale.JAPANESE);
		assertThat(time.format(instant, "date")).isEqualTo("2026/05/01");
		assertThat(time.date(LocalDate.of(2026, 5, 1))).isEqualTo("2026/05/01");
		assertThat(time.format(instant, "dateTime")).isEqualTo("2026/05/01 09:30");
		assertThat(time.format(instant, "minute")).isEqualTo("2026/05/01 09:30");
		assertThat(time.format(instant, "second")).isEqualTo("2026/05/01 09:30:15");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(time.format(instant, "date")).isEqualTo("May 1, 2026");
		assertThat(time.dateTime(LocalDateTime.of(2026, 5, 1, 9, 30))).isEqualTo("May 1, 2026 09:30");
		assertThat(time.format(instant, "dateTime")).isEqualTo("May 1, 2026 09:30");
		assertThat(time.format(instant, "second")).isEqualTo("May 1, 2026 09:30:15");
	}

	@Test
	void refusesAnUnknownStyle() {
		assertThatIllegalArgumentException().isThrownBy(() -> time.format(instant, "week"));
	}

}
