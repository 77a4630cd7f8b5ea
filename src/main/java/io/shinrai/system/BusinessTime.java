package io.shinrai.system;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.format.FormatStyle;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times on pages, in the business time zone and the reader's language. Templates use it as
 * {@code ${@businessTime.dateTime(instant)}}; a {@code <time>} element is {@code fragments/time :: time(instant, style)}.
 */
@Component("businessTime")
public class BusinessTime {

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

	private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

	public String date(Instant instant) {
		return instant == null ? "" : format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM), instant);
	}

	public String dateTime(Instant instant) {
		return instant == null ? ""
				: format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT), instant);
	}

	/** To the minute, {@code 2026-05-01 09:30}, where a table wants a compact, sortable time. */
	public String minute(Instant instant) {
		return instant == null ? "" : format(MINUTE, instant);
	}

	/** To the second, {@code 2026-05-01 09:30:15}, for logs such as the audit log. */
	public String second(Instant instant) {
		return instant == null ? "" : format(SECOND, instant);
	}

	/**
	 * For {@code <time datetime="...">}: the instant to the second with the business zone's offset,
	 * {@code 2026-05-01T09:30:15+09:00} (a fraction of a second would only make the attribute harder to read).
	 */
	public String iso(Instant instant) {
		return instant == null ? ""
				: DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
	}

	/** The instant as {@code fragments/time} shows it: {@code style} is date, dateTime, minute or second. */
	public String format(Instant instant, String style) {
		return switch (style) {
			case "date" -> date(instant);
			case "dateTime" -> dateTime(instant);
			case "minute" -> minute(instant);
			case "second" -> second(instant);
			default -> throw new IllegalArgumentException("unknown time style " + style);
		};
	}

	private String format(DateTimeFormatter formatter, Instant instant) {
		return formatter.withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(instant);
	}

}
