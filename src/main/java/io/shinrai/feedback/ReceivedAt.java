package io.shinrai.feedback;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the times other systems send as {@code receivedAt} (API, CSV): an ISO-8601
 * instant or date-time with offset ({@code 2026-05-01T10:15:00Z},
 * {@code 2026-05-01T19:15+09:00}), a local date-time ({@code 2026-05-01T10:15},
 * {@code 2026-05-01 10:15:30}, {@code 2026/05/01 10:15}) or a date ({@code 2026-05-01},
 * {@code 2026/05/01}, the start of that day). Local values are read in the business time
 * zone.
 */
public final class ReceivedAt {

	private static final DateTimeFormatter LOCAL_DATE = new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR, 4)
		.appendLiteral('-')
		.appendValue(ChronoField.MONTH_OF_YEAR, 1, 2, SignStyle.NEVER)
		.appendLiteral('-')
		.appendValue(ChronoField.DAY_OF_MONTH, 1, 2, SignStyle.NEVER)
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT)
		.withChronology(IsoChronology.INSTANCE);

	private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder().append(LOCAL_DATE)
		.appendLiteral('T')
		.append(DateTimeFormatter.ISO_LOCAL_TIME)
		.toFormatter()
		.withResolverStyle(ResolverStyle.STRICT)
		.withChronology(IsoChronology.INSTANCE);

	private ReceivedAt() {
	}

	public static Optional<Instant> parse(String text, ZoneId zone) {
		if (text == null || text.isBlank()) {
			return Optional.empty();
		}
		// 2026/05/01 and "2026-05-01 10:15" as spreadsheets write them
		String value = text.strip().replace('/', '-');
		if (value.length() > 10 && value.charAt(10) == ' ') {
			value = value.substring(0, 10) + 'T' + value.substring(11).strip();
		}
		try {
			if (value.length() <= 10) {
				return Optional.of(LocalDate.parse(value, LOCAL_DATE).atStartOfDay(zone).toInstant());
			}
			if (value.endsWith("Z") || value.endsWith("z") || hasOffset(value)) {
				return Optional.of(OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).toInstant());
			}
			return Optional.of(LocalDateTime.parse(value, LOCAL_DATE_TIME).atZone(zone).toInstant());
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static boolean hasOffset(String value) {
		int time = value.indexOf('T');
		return time > 0 && (value.indexOf('+', time) > 0 || value.indexOf('-', time) > 0);
	}

}
