package io.shinrai.feedback.csv;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Says why a row was rejected, in a given language. */
@Component
class ReasonMessages {

	private final MessageSource messages;

	ReasonMessages(MessageSource messages) {
		this.messages = messages;
	}

	List<String> of(Rejection rejection, Locale locale) {
		return rejection.reasons().stream().map(reason -> text(reason, locale)).toList();
	}

	/**
	 * The kinds of reason with their numbers of rows, in the reader's language: most rows
	 * first, then alphabetically.
	 */
	List<ReasonCount> counted(Map<Reason, Long> rowsByReason, Locale locale) {
		return rowsByReason.entrySet()
			.stream()
			.map(entry -> new ReasonCount(text(entry.getKey(), locale), entry.getValue()))
			.sorted(Comparator.comparingLong(ReasonCount::rows).reversed().thenComparing(ReasonCount::reason))
			.toList();
	}

	/** A kind of reason and how many rejected rows have it. */
	record ReasonCount(String reason, long rows) {
	}

	/** A message of the import pages by its key, in the reader's language. */
	String message(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, key, locale);
	}

	String text(Reason reason, Locale locale) {
		if (CsvFeedbackWriter.RULE.equals(reason.key()) && reason.args().size() >= 2) {
			String column = reason.args().get(0);
			String ruleKey = reason.args().get(1);
			String rule = messages.getMessage(ruleKey, arguments(reason.args().subList(2, reason.args().size())),
					ruleKey, locale);
			return column.isEmpty() ? rule : messages.getMessage(reason.key(), new Object[] { column, rule }, locale);
		}
		return messages.getMessage(reason.key(), reason.argsArray(), reason.key(), locale);
	}

	/**
	 * Numbers stay numbers, so that they are written the way the language writes them
	 * (4,000).
	 */
	private static Object[] arguments(List<String> args) {
		return args.stream().map(arg -> arg.matches("-?\\d{1,18}") ? (Object) Long.valueOf(arg) : arg).toArray();
	}

}
