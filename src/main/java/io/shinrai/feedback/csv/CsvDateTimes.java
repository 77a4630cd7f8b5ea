package io.shinrai.feedback.csv;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code received_at} of CSV files, as people and spreadsheets write it: an
 * ISO-8601 instant with {@code Z} or an offset ({@code 2026-05-01T09:30:00+09:00}), a
 * local date-time ({@code 2026-05-01T09:30}, {@code 2026-05-01 09:30},
 * {@code 2026/05/01 9:30}, seconds and fractions optional, month and day with or without
 * a leading zero as Excel writes them) or a date ({@code 2026-05-01}, {@code 2026/05/01},
 * meaning the start of that day). Local values are in the business time zone.
 * <p>
 * More lenient than {@link io.shinrai.feedback.ReceivedAt} (the API's): Japanese Excel
 * writes {@code 2026/5/1 9:30}, with a one-digit hour, and some tools a space before the
 * offset or {@code +0900}.
 */
final class CsvDateTimes {

	private static final Pattern FORMAT = Pattern.compile("(\\d{4})([-/])(\\d{1,2})\\2(\\d{1,2})"
			+ "(?:(?:T| +)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?" + " *(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?");

	private CsvDateTimes() {
	}

	static Optional<Instant> parse(String text, ZoneId zone) {
		Matcher m = FORMAT.matcher(text.strip());
		if (!m.matches()) {
			return Optional.empty();
		}
		try {
			LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)),
					Integer.parseInt(m.group(4)));
			if (m.group(5) == null) {
				return Optional.of(date.atStartOfDay(zone).toInstant());
			}
			int nanos = m.group(8) == null ? 0 : Integer.parseInt((m.group(8) + "00000000").substring(0, 9));
			LocalTime time = LocalTime.of(Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)),
					m.group(7) == null ? 0 : Integer.parseInt(m.group(7)), nanos);
			LocalDateTime local = LocalDateTime.of(date, time);
			if (m.group(9) == null) {
				return Optional.of(local.atZone(zone).toInstant());
			}
			return Optional.of(local.toInstant(offset(m.group(9))));
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
	}

	private static ZoneOffset offset(String text) {
		if (text.equalsIgnoreCase("Z")) {
			return ZoneOffset.UTC;
		}
		String digits = text.replace(":", "");
		int hours = Integer.parseInt(digits.substring(1, 3));
		int minutes = digits.length() > 3 ? Integer.parseInt(digits.substring(3)) : 0;
		int sign = digits.charAt(0) == '-' ? -1 : 1;
		return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
	}

}
