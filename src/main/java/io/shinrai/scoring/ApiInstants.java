package io.shinrai.scoring;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.shinrai.feedback.Channel;

/**
 * Parsing of the API's query parameters, refusing bad input with a
 * {@link BadApiParameterException}.
 */
final class ApiInstants {

	private ApiInstants() {
	}

	/**
	 * An ISO-8601 instant ({@code 2026-06-30T00:00:00Z}, also with an offset); absent
	 * means now.
	 */
	static Instant asOf(String text, Clock clock) {
		if (text == null || text.isBlank()) {
			return clock.instant();
		}
		Instant asOf;
		try {
			asOf = Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			try {
				asOf = OffsetDateTime.parse(text.strip()).toInstant();
			}
			catch (DateTimeParseException again) {
				throw new BadApiParameterException("asOf", "scoring.api.error.asOf", text);
			}
		}
		// years the database can compare with (and people mean)
		if (asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST)) {
			throw new BadApiParameterException("asOf", "scoring.api.error.asOf", text);
		}
		return asOf;
	}

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	static Channel channel(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Channel.valueOf(text.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new BadApiParameterException("channel", "scoring.api.error.channel", text,
					String.join(", ", java.util.Arrays.stream(Channel.values()).map(Enum::name).toList()));
		}
	}

	/**
	 * A query parameter the API cannot use; answered with 400 and the localised message.
	 */
	static final class BadApiParameterException extends RuntimeException {

		private final String parameter;

		private final String messageKey;

		private final Object[] args;

		BadApiParameterException(String parameter, String messageKey, Object... args) {
			super(parameter);
			this.parameter = parameter;
			this.messageKey = messageKey;
			this.args = args;
		}

		String parameter() {
			return parameter;
		}

		String messageKey() {
			return messageKey;
		}

		Object[] args() {
			return args;
		}

	}

}
