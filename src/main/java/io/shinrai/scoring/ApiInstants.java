package io.shinrai.scoring;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.shinrai.feedback.Channel;

/** Parsing of the API's query parameters, refusing bad input with a {@link BadApiParameterException}. */
final class ApiInstants {

	private ApiInstants() {
	}

	/** An ISO-8601 instant ({@code 2026-06-30T00:00:00Z}, also with an offset); absent means now. */
	static Instant asOf(String text) {
		if (text == null || text.isBlank()) {
			return Instant.now();
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			try {
				return OffsetDateTime.parse(text.strip()).toInstant();
			}
			catch (DateTimeParseException again) {
				throw new BadApiParameterException("asOf", "scoring.api.error.asOf", text);
			}
		}
	}

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

	/** A query parameter the API cannot use; answered with 400 and the localised message. */
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
