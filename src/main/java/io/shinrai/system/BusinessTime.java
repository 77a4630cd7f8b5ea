package io.shinrai.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.FormatStyle;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times on pages, in the business time zone and the reader's language.
 * Templates use it as {@code ${@businessTime.dateTime(instant)}}; a {@code <time>}
 * element is {@code fragments/time :: time(instant, style)}.
 */
@Component("businessTime")
public class BusinessTime {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private static final DateTimeFormatter TIME_WITH_SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss");

	private final ZoneId zone;

	private final Clock clock;

	public BusinessTime(BusinessTimeProperties properties, Clock clock) {
		this.zone = properties.businessTimeZone();
		this.clock = clock;
	}

	public ZoneId zone() {
		return zone;
	}

	/** Today's date in the business time zone, by the application's clock. */
	public LocalDate today() {
		return LocalDate.now(clock.withZone(zone));
	}

	/**
	 * The one date format of each language: {@code 2026/05/01} in Japanese,
	 * {@code May 1, 2026} in English.
	 */
	public String date(Instant instant) {
		return instant == null ? "" : date(instant.atZone(zone).toLocalDate());
	}

	/**
	 * A calendar day (a week's end, a period's bounds) in the same format as
	 * {@link #date(Instant)}.
	 */
	public String date(LocalDate date) {
		return date == null ? "" : DATE.withLocale(LocaleContextHolder.getLocale()).format(date);
	}

	/**
	 * The one date-time format: the date, then the time to the minute,
	 * {@code 2026/05/01 09:30}.
	 */
	public String dateTime(Instant instant) {
		return instant == null ? "" : dateTime(instant.atZone(zone).toLocalDateTime());
	}

	/**
	 * A local date-time (in the business time zone already) in the same format as
	 * {@link #dateTime(Instant)}.
	 */
	public String dateTime(LocalDateTime dateTime) {
		return dateTime == null ? "" : date(dateTime.toLocalDate()) + " " + TIME.format(dateTime);
	}

	/**
	 * The same as {@link #dateTime}: one date-time format everywhere (kept for the
	 * {@code minute} style).
	 */
	public String minute(Instant instant) {
		return dateTime(instant);
	}

	/**
	 * The date-time format with seconds, {@code 2026/05/01 09:30:15}, for logs such as
	 * the audit log.
	 */
	public String second(Instant instant) {
		if (instant == null) {
			return "";
		}
		LocalDateTime local = instant.atZone(zone).toLocalDateTime();
		return date(local.toLocalDate()) + " " + TIME_WITH_SECONDS.format(local);
	}

	/**
	 * For {@code <time datetime="...">}: the instant to the second with the business
	 * zone's offset, {@code 2026-05-01T09:30:15+09:00} (a fraction of a second would only
	 * make the attribute harder to read).
	 */
	public String iso(Instant instant) {
		return instant == null ? ""
				: DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
	}

	/**
	 * The instant as {@code fragments/time} shows it: {@code style} is date, dateTime,
	 * minute or second.
	 */
	public String format(Instant instant, String style) {
		return switch (style) {
			case "date" -> date(instant);
			case "dateTime" -> dateTime(instant);
			case "minute" -> minute(instant);
			case "second" -> second(instant);
			default -> throw new IllegalArgumentException("unknown time style " + style);
		};
	}

}
