package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvFilesTests {

	private static final int MAX = CsvRecordReader.DEFAULT_MAX_RECORD_CHARS;

	@TempDir
	Path directory;

	@Test
	void detectsUtf8WithAByteOrderMark() throws IOException {
		CsvFiles.Inspection inspection = inspect("utf8-bom.csv");
		assertThat(inspection.charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(inspection.rows()).isEqualTo(3);
		assertThat(inspection.header().names()).first().isEqualTo("external_id");
	}

	@Test
	void detectsUtf8WithoutAByteOrderMarkAndReadsColumnsInAnyOrderAndCase() throws IOException {
		CsvFiles.Inspection inspection = inspect("utf8-no-bom.csv");
		assertThat(inspection.charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(inspection.rows()).isEqualTo(2);
		assertThat(inspection.header().names()).first().isEqualTo("Comment");
	}

	@Test
	void detectsWindows31jAndDecodesItsJapaneseText() throws IOException {
		Path file = CsvFixtures.file(directory, "windows-31j.csv", "R1");
		CsvFiles.Inspection inspection = CsvFiles.inspect(file, MAX);
		assertThat(inspection.charset()).isEqualTo(CsvFiles.WINDOWS_31J);
		assertThat(inspection.rows()).isEqualTo(2);
		List<CsvRecord> records = records(file, inspection);
		assertThat(records.get(1).cells().get(2)).isEqualTo("㈱みらい物産");
		assertThat(records.get(1).cells().get(16)).isEqualTo("担当者の説明が二転三転しました。\n① 納期が守られない\n② 連絡が来ない～");
		assertThat(records.get(2).line()).isEqualTo(5);
		assertThat(records.get(2).cells().get(2)).isEqualTo("佐藤一郎");
	}

	@Test
	void readsAFileWhereExcelQuotedEveryCell() throws IOException {
		Path file = CsvFixtures.file(directory, "excel-quoted.csv", "R1");
		CsvFiles.Inspection inspection = CsvFiles.inspect(file, MAX);
		List<CsvRecord> records = records(file, inspection);
		assertThat(records.get(1).cells().get(16)).isEqualTo("He said \"we'll call back\",\nthen nobody called.");
		assertThat(records.get(2).line()).isEqualTo(4);
	}

	@Nested
	class RefusesFiles {

		@Test
		void thatAreEmpty() {
			assertRefused("empty.csv", "import.refused.empty");
			assertRefused("blank-lines.csv", "import.refused.empty");
		}

		@Test
		void thatHoldOnlyTheHeader() {
			assertRefused("header-only.csv", "import.refused.headerOnly");
		}

		@Test
		void thatAreNotText() {
			assertRefused("binary.png", "import.refused.binary");
		}

		@Test
		void thatAreZipArchives() throws IOException {
			Path zip = directory.resolve("export.xlsx");
			try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
				out.putNextEntry(new java.util.zip.ZipEntry("xl/workbook.xml"));
				out.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
			}
			assertThatThrownBy(() -> CsvFiles.inspect(zip, MAX)).isInstanceOf(ImportRefused.class)
				.extracting("key")
				.isEqualTo("import.refused.binary");
		}

		@Test
		void inNeitherUtf8NorWindows31j() throws IOException {
			Path file = directory.resolve("latin.csv");
			byte[] header = String.join(",", CsvColumn.headers()).getBytes(StandardCharsets.US_ASCII);
			// 0x81 0x20 is invalid in both UTF-8 and Windows-31J (0x20 cannot follow a
			// lead byte)
			Files.write(file, concat(header, "\r\n1,C,\u0081 x".getBytes(StandardCharsets.ISO_8859_1)));
			assertThatThrownBy(() -> CsvFiles.inspect(file, MAX)).isInstanceOf(ImportRefused.class)
				.extracting("key")
				.isEqualTo("import.refused.encoding");
		}

		@Test
		void whoseHeaderMissesAColumnOrHasAnUnknownOne() {
			ImportRefused wrong = assertRefused("wrong-header.csv", "import.refused.unknownColumns");
			assertThat(wrong.args()[0]).isEqualTo("value");
			ImportRefused extra = assertRefused("extra-column.csv", "import.refused.unknownColumns");
			assertThat(extra.args()[0]).isEqualTo("notes");
		}

		@Test
		void whoseFirstLineIsDataInsteadOfTheHeader() {
			assertRefused("no-header.csv", "import.refused.noHeader");
		}

		private ImportRefused assertRefused(String name, String key) {
			Path file = CsvFixtures.file(directory, name, "R1");
			try {
				CsvFiles.inspect(file, MAX);
			}
			catch (ImportRefused ex) {
				assertThat(ex.key()).isEqualTo(key);
				return ex;
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
			throw new AssertionError(name + " was not refused");
		}

	}

	@Test
	void countsARecordWithATenMegabyteCellAsOneRowWithoutHoldingIt() throws IOException {
		Path file = directory.resolve("huge-cell.csv");
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write((String.join(",", CsvColumn.headers()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write("X-1,C-1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,\"".getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = "y".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
			for (int i = 0; i < 10; i++) {
				out.write(chunk);
			}
			out.write("\"\r\nX-2,C-1,A,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,after\r\n"
				.getBytes(StandardCharsets.US_ASCII));
		}
		CsvFiles.Inspection inspection = CsvFiles.inspect(file, MAX);
		assertThat(inspection.rows()).isEqualTo(2);
		List<CsvRecord> records = records(file, inspection);
		assertThat(records.get(1).problem()).isEqualTo(CsvRecord.Problem.TOO_LONG);
		assertThat(records.get(2).cells()).hasSize(17).last().isEqualTo("after");
	}

	private CsvFiles.Inspection inspect(String name) throws IOException {
		return CsvFiles.inspect(CsvFixtures.file(directory, name, "R1"), MAX);
	}

	private static List<CsvRecord> records(Path file, CsvFiles.Inspection inspection) throws IOException {
		List<CsvRecord> records = new ArrayList<>();
		try (CsvRecordReader reader = CsvFiles.open(file, inspection.charset(), MAX)) {
			for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
				records.add(record);
			}
		}
		return records;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] result = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, result, a.length, b.length);
		return result;
	}

}
