package io.shinrai.feedback.csv;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Signal;
import io.shinrai.system.SpreadsheetCells;

/**
 * Reads the cells of a data record into a {@link CsvRow}, or says why it cannot: a wrong
 * number of cells, a number, date, channel, category or incident type that cannot be
 * read. Whether the values make valid feedback (ranges, required fields) is decided
 * afterwards by the feedback rules, not here.
 * <p>
 * Every cell loses the formula-injection protection an export added
 * ({@link SpreadsheetCells#unprotect(String)}) and every cell but the comment is trimmed
 * first; the comment is kept exactly as written, so that an exported comment imports as
 * the same text. An empty cell (a blank comment) is "not given". Numbers, dates and names
 * of channels, categories and incident types may be written with full-width characters
 * (normalised with NFKC, as Japanese input methods often produce them), in any letter
 * case, with {@code -} or a space for {@code _}.
 */
final class CsvRowMapper {

	private static final int MAX_NUMBER_DIGITS = 9;

	private final CsvHeader header;

	private final ZoneId zone;

	private final int maxRecordChars;

	CsvRowMapper(CsvHeader header, ZoneId zone, int maxRecordChars) {
		this.header = header;
		this.zone = zone;
		this.maxRecordChars = maxRecordChars;
	}

	/** The row, or the reasons it was rejected. */
	record Result(CsvRow row, List<Reason> reasons, List<String> cells) {

		boolean rejected() {
			return row == null;
		}

	}

	Result map(CsvRecord record) {
		if (record.problem() == CsvRecord.Problem.TOO_LONG) {
			return rejected(record.line(), List.of(), Reason.of("import.reason.tooLong", maxRecordChars / 1024));
		}
		if (record.problem() == CsvRecord.Problem.UNTERMINATED_QUOTE) {
			return rejected(record.line(), List.of(), Reason.of("import.reason.unterminatedQuote"));
		}
		List<String> cells = cells(record.cells());
		if (cells.size() > header.size()) {
			// spreadsheets add empty cells after the last column; only cells with content
			// are too many
			if (cells.subList(header.size(), cells.size()).stream().anyMatch(cell -> !cell.isEmpty())) {
				return rejected(record.line(), cells,
						Reason.of("import.reason.tooManyCells", cells.size(), header.size()));
			}
			cells = cells.subList(0, header.size());
		}
		if (cells.size() < header.size()) {
			return rejected(record.line(), cells, Reason.of("import.reason.tooFewCells", cells.size(), header.size()));
		}
		List<Reason> reasons = new ArrayList<>();
		Cells row = new Cells(cells, reasons);
		for (int i = 0; i < cells.size(); i++) {
			if (hasControlCharacter(cells.get(i))) {
				reasons.add(Reason.of("import.reason.controlCharacter", header.names().get(i)));
			}
		}
		Map<Signal, Integer> ratings = new EnumMap<>(Signal.class);
		for (Signal signal : Signal.values()) {
			Integer rating = row.number(CsvColumn.valueOf(signal.name()));
			if (rating != null) {
				ratings.put(signal, rating);
			}
		}
		CsvRow mapped = new CsvRow(record.line(), row.text(CsvColumn.EXTERNAL_ID), row.text(CsvColumn.CUSTOMER_REF),
				row.text(CsvColumn.CUSTOMER_NAME), row.text(CsvColumn.SEGMENT), row.receivedAt(),
				row.choice(CsvColumn.CHANNEL, Channel.class, "import.reason.unknownChannel"),
				row.choice(CsvColumn.CATEGORY, Category.class, "import.reason.unknownCategory"), ratings,
				row.number(CsvColumn.NPS), row.number(CsvColumn.CSAT), row.number(CsvColumn.CES), row.incidents(),
				row.comment());
		if (!reasons.isEmpty()) {
			return new Result(null, reasons, cells);
		}
		return new Result(mapped, List.of(), cells);
	}

	private List<String> cells(List<String> raw) {
		int comment = header.position(CsvColumn.COMMENT);
		List<String> cells = new ArrayList<>(raw.size());
		for (int i = 0; i < raw.size(); i++) {
			String cell = raw.get(i);
			cells.add(SpreadsheetCells.unprotect(i == comment ? cell : cell.strip()));
		}
		return cells;
	}

	private static Result rejected(long line, List<String> cells, Reason reason) {
		return new Result(null, List.of(reason), cells);
	}

	private static boolean hasControlCharacter(String cell) {
		for (int i = 0; i < cell.length(); i++) {
			char c = cell.charAt(i);
			if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The cells of one record, read column by column; problems are added to
	 * {@code reasons}.
	 */
	private final class Cells {

		private final List<String> cells;

		private final List<Reason> reasons;

		Cells(List<String> cells, List<Reason> reasons) {
			this.cells = cells;
			this.reasons = reasons;
		}

		String text(CsvColumn column) {
			String cell = header.cell(cells, column);
			return cell.isEmpty() ? null : cell;
		}

		String comment() {
			String cell = header.cell(cells, CsvColumn.COMMENT);
			return cell.isBlank() ? null : cell;
		}

		Integer number(CsvColumn column) {
			String cell = normalised(column);
			if (cell == null) {
				return null;
			}
			if (cell.length() > MAX_NUMBER_DIGITS || !cell.chars().allMatch(c -> c >= '0' && c <= '9')) {
				reasons.add(Reason.of("import.reason.notANumber", column.header(),
						Reason.quote(header.cell(cells, column))));
				return null;
			}
			return Integer.valueOf(cell);
		}

		Instant receivedAt() {
			String cell = normalised(CsvColumn.RECEIVED_AT);
			if (cell == null) {
				return null;
			}
			Optional<Instant> instant = CsvDateTimes.parse(cell, zone);
			if (instant.isEmpty()) {
				reasons
					.add(Reason.of("import.reason.badDate", Reason.quote(header.cell(cells, CsvColumn.RECEIVED_AT))));
			}
			return instant.orElse(null);
		}

		<E extends Enum<E>> E choice(CsvColumn column, Class<E> type, String unknownKey) {
			String cell = normalised(column);
			if (cell == null) {
				return null;
			}
			E value = constant(type, cell);
			if (value == null) {
				reasons.add(Reason.of(unknownKey, Reason.quote(header.cell(cells, column)), names(type)));
			}
			return value;
		}

		SortedSet<IncidentType> incidents() {
			SortedSet<IncidentType> incidents = new TreeSet<>();
			String cell = normalised(CsvColumn.INCIDENTS);
			if (cell == null) {
				return incidents;
			}
			for (String part : cell.split(";")) {
				if (part.isBlank()) {
					continue;
				}
				IncidentType type = constant(IncidentType.class, part);
				if (type == null) {
					reasons.add(Reason.of("import.reason.unknownIncident", Reason.quote(part.strip()),
							names(IncidentType.class)));
				}
				else {
					incidents.add(type);
				}
			}
			return incidents;
		}

		private String normalised(CsvColumn column) {
			String cell = header.cell(cells, column);
			return cell.isEmpty() ? null : Normalizer.normalize(cell, Normalizer.Form.NFKC).strip();
		}

	}

	private static <E extends Enum<E>> E constant(Class<E> type, String text) {
		String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		return null;
	}

	private static String names(Class<? extends Enum<?>> type) {
		return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
	}

}
