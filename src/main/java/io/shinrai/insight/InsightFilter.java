package io.shinrai.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import io.shinrai.feedback.Channel;
import io.shinrai.system.SegmentScope;

/**
 * Which entries an analysis reads: those received on the days {@code from} to {@code to}
 * (both included, in the business time zone), of one segment and one channel
 * ({@code null}: all), among the customers of the segments {@code within} (the user's).
 */
public record InsightFilter(LocalDate from, LocalDate to, String segment, Channel channel, SegmentScope within) {

	/** The period when none is given: the last 90 days, today included. */
	public static final int DEFAULT_DAYS = 90;

	/** The longest period an analysis reads. */
	public static final int MAX_DAYS = 3660;

	public static final int MAX_SEGMENT = 100;

	public InsightFilter {
		segment = (segment == null || segment.isBlank()) ? null : segment.strip();
		within = (within == null) ? SegmentScope.all() : within;
	}

	/** Among the customers of every segment. */
	public InsightFilter(LocalDate from, LocalDate to, String segment, Channel channel) {
		this(from, to, segment, channel, SegmentScope.all());
	}

	/** This filter among the customers of the segments {@code scope}. */
	public InsightFilter within(SegmentScope scope) {
		return new InsightFilter(from, to, segment, channel, scope);
	}

	/**
	 * The filter's query parameters as a page or the API receives them ({@code from},
	 * {@code to}, {@code segment}, {@code channel}; empty or absent: the default).
	 */
	public record Query(String from, String to, String segment, String channel) {

		/**
		 * @throws BadFilterException naming the first parameter that is not usable
		 */
		public InsightFilter parse(LocalDate today) {
			return InsightFilter.parse(from, to, segment, channel, today);
		}

	}

	/**
	 * The SQL conditions of this filter's segment, segments within and channel over rows
	 * with {@code segment} and {@code channel} columns ({@code " and ..."}, empty for
	 * all), their values put into {@code params}.
	 */
	String sqlScope(java.util.Map<String, Object> params) {
		StringBuilder scope = new StringBuilder();
		if (segment != null) {
			scope.append(" and segment = :segment");
			params.put("segment", segment);
		}
		if (!within.isAll()) {
			scope.append(" and ").append(within.sql("segment"));
			params.putAll(within.params());
		}
		if (channel != null) {
			scope.append(" and channel = :channel");
			params.put("channel", channel.name());
		}
		return scope.toString();
	}

	public static InsightFilter lastDays(LocalDate today, int days) {
		return new InsightFilter(today.minusDays(days - 1L), today, null, null);
	}

	/**
	 * The whole days (in {@code zone}) of the period [from, to) of another page, such as
	 * the dashboard's, in its scope: from the day {@code from} falls on to the day of the
	 * period's last instant.
	 */
	public static InsightFilter covering(Instant from, Instant to, String segment, Channel channel, ZoneId zone) {
		LocalDate first = from.atZone(zone).toLocalDate();
		LocalDate last = to.minusNanos(1).atZone(zone).toLocalDate();
		return new InsightFilter(first, last.isBefore(first) ? first : last, segment, channel);
	}

	/**
	 * Reads the filters as the pages and the API receive them; empty values mean the
	 * default.
	 * @throws BadFilterException naming the first parameter that is not usable
	 */
	public static InsightFilter parse(String from, String to, String segment, String channel, LocalDate today) {
		LocalDate toDate = date("to", to, today);
		LocalDate fromDate = date("from", from, toDate.minusDays(DEFAULT_DAYS - 1L));
		if (fromDate.isAfter(toDate)) {
			throw new BadFilterException("to", "insight.filter.toBeforeFrom", fromDate, toDate);
		}
		if (ChronoUnit.DAYS.between(fromDate, toDate) >= MAX_DAYS) {
			throw new BadFilterException("from", "insight.filter.tooLong", MAX_DAYS);
		}
		if (segment != null && segment.strip().length() > MAX_SEGMENT) {
			throw new BadFilterException("segment", "insight.filter.segmentTooLong", MAX_SEGMENT);
		}
		Channel channelValue = null;
		if (channel != null && !channel.isBlank()) {
			try {
				channelValue = Channel.valueOf(channel.strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BadFilterException("channel", "insight.filter.badChannel", channel.strip());
			}
		}
		return new InsightFilter(fromDate, toDate, segment, channelValue);
	}

	private static LocalDate date(String parameter, String value, LocalDate fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadFilterException(parameter, "insight.filter.date", value.strip());
		}
	}

	/** The first instant of the period. */
	public Instant start(ZoneId zone) {
		return from.atStartOfDay(zone).toInstant();
	}

	/** The first instant after the period. */
	public Instant end(ZoneId zone) {
		return to.plusDays(1).atStartOfDay(zone).toInstant();
	}

	/** The period of the same length just before this one, in the same scope. */
	public InsightFilter previous() {
		long days = ChronoUnit.DAYS.between(from, to) + 1;
		return new InsightFilter(from.minusDays(days), from.minusDays(1), segment, channel, within);
	}

	public long days() {
		return ChronoUnit.DAYS.between(from, to) + 1;
	}

	/**
	 * A filter value that cannot be used, with the message key (and its arguments) that
	 * says why.
	 */
	public static class BadFilterException extends RuntimeException {

		private final String parameter;

		private final String messageKey;

		private final transient Object[] args;

		BadFilterException(String parameter, String messageKey, Object... args) {
			super(parameter + ": " + messageKey);
			this.parameter = parameter;
			this.messageKey = messageKey;
			this.args = args;
		}

		public String parameter() {
			return parameter;
		}

		public String messageKey() {
			return messageKey;
		}

		public Object[] args() {
			return args.clone();
		}

	}

}
