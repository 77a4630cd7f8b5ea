package io.shinrai.feedback.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Why a row was rejected: a message key and its arguments, resolved in the reader's
 * language when shown. Stored in one text value: the key and the arguments separated by
 * the unit separator U+001F, which arguments never contain (control characters in them
 * are replaced).
 */
record Reason(String key, List<String> args) {

	private static final char SEPARATOR = '\u001F';

	private static final int MAX_ARG_LENGTH = 60;

	private static final String GROUP_PREFIX = "import.reasonGroup.";

	Reason {
		args = List.copyOf(args);
	}

	static Reason of(String key, Object... args) {
		return new Reason(key, Arrays.stream(args).map(arg -> withoutControlCharacters(String.valueOf(arg))).toList());
	}

	/**
	 * The kind of problem this reason is, for counting rows by reason: the same reason
	 * without the row's own values (the cell that was wrong, its length, its number of
	 * cells), keeping what names the problem (the column, the rule and its limits).
	 */
	Reason group() {
		return switch (key) {
			case "import.reason.tooManyCells", "import.reason.tooFewCells", "import.reason.badDate",
					"import.reason.unknownChannel", "import.reason.unknownCategory", "import.reason.unknownIncident" ->
				new Reason(GROUP_PREFIX + key.substring("import.reason.".length()), List.of());
			case "import.reason.notANumber" -> new Reason(GROUP_PREFIX + "notANumber", args.subList(0, 1));
			case CsvFeedbackWriter.RULE -> (args.size() >= 3 && "feedback.rule.tooLong".equals(args.get(1)))
					? new Reason(key, List.of(args.get(0), GROUP_PREFIX + "tooLong", args.get(2))) : this;
			default -> this;
		};
	}

	Object[] argsArray() {
		return args.toArray();
	}

	String encode() {
		StringBuilder text = new StringBuilder(key);
		for (String arg : args) {
			text.append(SEPARATOR).append(arg);
		}
		return text.toString();
	}

	static Reason decode(String text) {
		List<String> parts = new ArrayList<>(Arrays.asList(text.split(String.valueOf(SEPARATOR), -1)));
		String key = parts.remove(0);
		return new Reason(key, parts);
	}

	/** A value from the file quoted in a message: short enough for a table cell. */
	static String quote(String value) {
		return value.length() <= MAX_ARG_LENGTH ? value : value.substring(0, MAX_ARG_LENGTH - 1) + "…";
	}

	private static String withoutControlCharacters(String value) {
		return value.codePoints()
			.map(c -> Character.isISOControl(c) ? ' ' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

}
