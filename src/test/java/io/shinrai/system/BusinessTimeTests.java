package io.shinrai.system;

import java.time.Instant;
import java.time.Clock;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BusinessTimeTests {

	private final BusinessTime time = new BusinessTime(new BusinessTimeProperties(ZoneId.of("Asia/Tokyo")), Clock.systemUTC());

	private final Instant instant = Instant.parse("2026-05-01T00:30:15.123456Z");

	@Test
	void datetimeAttributeIsTheInstantToTheSecondWithTheZonesOffset() {
		assertThat(time.iso(instant)).isEqualTo("2026-05-01T09:30:15+09:00");
		assertThat(time.iso(null)).isEmpty();
	}

	@Test
	void numericStylesAreInTheBusinessZone() {
		assertThat(time.format(instant, "minute")).isEqualTo("2026-05-01 09:30");
		assertThat(time.format(instant, "second")).isEqualTo("2026-05-01 09:30:15");
	}

	@Test
	void refusesAnUnknownStyle() {
		assertThatIllegalArgumentException().isThrownBy(() -> time.format(instant, "week"));
	}

}
