package io.shinrai.insight;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import io.shinrai.feedback.Channel;
import io.shinrai.feedback.Signal;

/**
 * The plain-words readings of the analyses, in the reader's language, for the pages and
 * the API alike.
 */
@Component
public class InsightTexts {

	private final MessageSource messages;

	InsightTexts(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * "Consistency matters most to your SMB customers; its score (48.2) is the lowest of
	 * the five signals."
	 */
	public String driverReading(Drivers.DriverReport report, Locale locale) {
		if (!report.enough() || report.drivers().isEmpty()) {
			return null;
		}
		Drivers.Driver top = report.drivers().get(0);
		String who = scope(report.filter(), locale);
		if (top.kind() == Drivers.Kind.INCIDENT) {
			return message("insight.drivers.reading.incident", locale, message("IncidentType." + top.factor(), locale),
					who);
		}
		String signal = message("Signal." + top.signal().name(), locale);
		if (top.score() == null) {
			return message("insight.drivers.reading.signalNoScore", locale, signal, who);
		}
		String score = String.format(locale, "%.1f", top.score());
		if (top.signal() == report.lowestScore()) {
			return message("insight.drivers.reading.signalLowest", locale, signal, who, score);
		}
		return message("insight.drivers.reading.signal", locale, signal, who, score,
				message("Signal." + report.lowestScore().name(), locale));
	}

	/** "your SMB customers on Phone" */
	public String scope(InsightFilter filter, Locale locale) {
		if (filter.segment() != null && filter.channel() != null) {
			return message("insight.scope.both", locale, filter.segment(), channel(filter.channel(), locale));
		}
		if (filter.segment() != null) {
			return message("insight.scope.segment", locale, filter.segment());
		}
		if (filter.channel() != null) {
			return message("insight.scope.channel", locale, channel(filter.channel(), locale));
		}
		return message("insight.scope.all", locale);
	}

	public String signal(Signal signal, Locale locale) {
		return message("Signal." + signal.name(), locale);
	}

	private String channel(Channel channel, Locale locale) {
		return message("Channel." + channel.name(), locale);
	}

	public String message(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}

}
