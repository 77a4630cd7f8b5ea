package io.shinrai.system;

import java.util.regex.Pattern;

/**
 * Protection of CSV cells against spreadsheet formula injection (OWASP "CSV injection"),
 * and its exact reversal on import.
 * <p>
 * A cell is written with a leading {@code '} when, after any leading {@code '}s, it
 * starts with {@code =}, {@code +}, {@code -}, {@code @}, their full-width forms
 * {@code ＝＋－＠} (which spreadsheets with a Japanese input method also read as a formula
 * start), a tab or a carriage return: {@code =SUM(A1)} is written {@code '=SUM(A1)} and
 * {@code '=x} is written {@code ''=x}. Reading removes exactly one leading {@code '} from
 * a cell that matches {@code '+} followed by one of those characters. The two are inverse
 * for every string, so an export re-imports with the same values. Numbers in Shinrai's
 * CSV files are never negative, so no number is ever changed.
 */
public final class SpreadsheetCells {

	private static final String FORMULA_STARTS = "[=+\\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]";

	private static final Pattern NEEDS_PROTECTION = Pattern.compile("^'*" + FORMULA_STARTS);

	private static final Pattern PROTECTED = Pattern.compile("^'+" + FORMULA_STARTS);

	private SpreadsheetCells() {
	}

	/** The cell as it is written into a CSV file. */
	public static String protect(String cell) {
		if (cell == null || cell.isEmpty()) {
			return cell;
		}
		return NEEDS_PROTECTION.matcher(cell).find() ? "'" + cell : cell;
	}

	/** The cell as read from a CSV file: the reverse of {@link #protect(String)}. */
	public static String unprotect(String cell) {
		if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
			return cell;
		}
		return PROTECTED.matcher(cell).find() ? cell.substring(1) : cell;
	}

}
