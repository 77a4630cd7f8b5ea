package io.shinrai.system;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates and times on pages, in the business time zone and the reader's language. Templates use it as
 * {@code ${@businessTime.dateTime(instant)}}.
 */
@Component("businessTime")
public class BusinessTime {

	private final ZoneId zone;

	public BusinessTime(BusinessTimeProperties properties) {
		this.zone = properties.businessTimeZone();
	}

	public ZoneId zone() {
		return zone;
	}

	public String date(Instant instant) {
		return instant == null ? "" : format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM), instant);
	}

	public String dateTime(Instant instant) {
		return instant == null ? ""
				: format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT), instant);
	}

	/** For {@code <time datetime="...">}: the instant with the business zone's offset. */
	public String iso(Instant instant) {
		return instant == null ? "" : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
	}

	private String format(DateTimeFormatter formatter, Instant instant) {
		return formatter.withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(instant);
	}

}
