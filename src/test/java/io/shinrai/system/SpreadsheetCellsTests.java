package io.shinrai.system;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTests {

	@Test
	void prefixesCellsThatASpreadsheetWouldReadAsAFormula() {
		assertThat(SpreadsheetCells.protect("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
		assertThat(SpreadsheetCells.protect("+81 3 1234")).isEqualTo("'+81 3 1234");
		assertThat(SpreadsheetCells.protect("-5 stars")).isEqualTo("'-5 stars");
		assertThat(SpreadsheetCells.protect("@team")).isEqualTo("'@team");
		assertThat(SpreadsheetCells.protect("\tcmd")).isEqualTo("'\tcmd");
		assertThat(SpreadsheetCells.protect("\rcmd")).isEqualTo("'\rcmd");
	}

	@Test
	void prefixesFullWidthFormulaStartsToo() {
		assertThat(SpreadsheetCells.protect("＝1+1")).isEqualTo("'＝1+1");
		assertThat(SpreadsheetCells.protect("＋81")).isEqualTo("'＋81");
		assertThat(SpreadsheetCells.protect("－5")).isEqualTo("'－5");
		assertThat(SpreadsheetCells.protect("＠team")).isEqualTo("'＠team");
		assertThat(SpreadsheetCells.protect("'＝x")).isEqualTo("''＝x");
		assertThat(SpreadsheetCells.unprotect("'＝x")).isEqualTo("＝x");
	}

	@Test
	void leavesOrdinaryCellsAlone() {
		assertThat(SpreadsheetCells.protect("Acme")).isEqualTo("Acme");
		assertThat(SpreadsheetCells.protect("2026-05-01T09:30:00+09:00")).isEqualTo("2026-05-01T09:30:00+09:00");
		assertThat(SpreadsheetCells.protect("a=b")).isEqualTo("a=b");
		assertThat(SpreadsheetCells.protect("'quoted'")).isEqualTo("'quoted'");
		assertThat(SpreadsheetCells.protect("")).isEmpty();
		assertThat(SpreadsheetCells.protect(null)).isNull();
	}

	@Test
	void protectsAlsoCellsThatAlreadyLookProtectedSoTheReversalIsExact() {
		assertThat(SpreadsheetCells.protect("'=x")).isEqualTo("''=x");
		assertThat(SpreadsheetCells.unprotect("''=x")).isEqualTo("'=x");
	}

	@Test
	void unprotectingAProtectedCellGivesBackEveryValue() {
		for (String value : List.of("=1+1", "'=1+1", "''=1+1", "+", "-", "@", "'", "''", "'a", "a'", "don't", "'don't",
				"\t", "'\t", "x", "", "=", "'-", "日本語", "-10", "'- note", "＝", "'＝", "''＠a", "＋", "－1")) {
			assertThat(SpreadsheetCells.unprotect(SpreadsheetCells.protect(value))).as(value).isEqualTo(value);
		}
	}

	@Test
	void unprotectKeepsAQuoteThatDoesNotProtectAFormula() {
		assertThat(SpreadsheetCells.unprotect("'don't")).isEqualTo("'don't");
		assertThat(SpreadsheetCells.unprotect("'")).isEqualTo("'");
	}

}
