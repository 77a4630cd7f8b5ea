package io.shinrai.feedback.csv;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The header row of an uploaded file: where each {@link CsvColumn} is. Names are matched
 * trimmed and case-insensitively, in any order; every column is required. The columns
 * {@code line} and {@code reason} that the download of rejected rows adds are ignored, so
 * that file can be corrected and imported again. Empty names after the last column
 * (spreadsheets write them) are ignored too.
 */
final class CsvHeader {

	static final String LINE = "line";

	static final String REASON = "reason";

	private final List<String> names;

	private final Map<CsvColumn, Integer> positions;

	private CsvHeader(List<String> names, Map<CsvColumn, Integer> positions) {
		this.names = names;
		this.positions = positions;
	}

	/** Reads a header row, or refuses the file saying which names are wrong. */
	static CsvHeader of(List<String> cells) {
		List<String> names = new ArrayList<>(cells.stream().map(String::strip).toList());
		while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
			names.remove(names.size() - 1);
		}
		Map<CsvColumn, Integer> positions = new EnumMap<>(CsvColumn.class);
		Set<String> unknown = new LinkedHashSet<>();
		Set<String> duplicated = new LinkedHashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i).toLowerCase(Locale.ROOT);
			if (name.equals(LINE) || name.equals(REASON)) {
				continue;
			}
			CsvColumn column = column(name);
			if (column == null) {
				unknown.add(names.get(i).isEmpty() ? "\"\"" : names.get(i));
			}
			else if (positions.putIfAbsent(column, i) != null) {
				duplicated.add(names.get(i));
			}
		}
		String expected = String.join(",", CsvColumn.headers());
		if (positions.isEmpty()) {
			throw new ImportRefused("import.refused.noHeader", expected);
		}
		if (!unknown.isEmpty()) {
			throw new ImportRefused("import.refused.unknownColumns", String.join(", ", unknown), expected);
		}
		if (!duplicated.isEmpty()) {
			throw new ImportRefused("import.refused.duplicateColumns", String.join(", ", duplicated));
		}
		if (positions.size() < CsvColumn.values().length) {
			List<String> missing = new ArrayList<>();
			for (CsvColumn column : CsvColumn.values()) {
				if (!positions.containsKey(column)) {
					missing.add(column.header());
				}
			}
			throw new ImportRefused("import.refused.missingColumns", String.join(", ", missing), expected);
		}
		return new CsvHeader(List.copyOf(names), positions);
	}

	private static CsvColumn column(String name) {
		for (CsvColumn column : CsvColumn.values()) {
			if (column.header().equals(name)) {
				return column;
			}
		}
		return null;
	}

	/** The names as the file wrote them, trimmed. */
	List<String> names() {
		return names;
	}

	int size() {
		return names.size();
	}

	/**
	 * Whether a record has nothing in any data column, only (perhaps) in {@code line} and
	 * {@code reason}: like the note at the end of a rejected-rows download, it is skipped
	 * as an empty line is.
	 */
	boolean hasNoData(List<String> cells) {
		if (cells.size() > names.size()) {
			return false;
		}
		for (int position : positions.values()) {
			if (position < cells.size() && !cells.get(position).isBlank()) {
				return false;
			}
		}
		return true;
	}

	/** Where a column is in a record. */
	int position(CsvColumn column) {
		return positions.get(column);
	}

	/** The cell of a column in a record that has at least {@link #size()} cells. */
	String cell(List<String> cells, CsvColumn column) {
		return cells.get(positions.get(column));
	}

}
