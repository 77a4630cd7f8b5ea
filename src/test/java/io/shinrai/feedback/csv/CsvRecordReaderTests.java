package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRecordReaderTests {

	@Test
	void readsCellsOfCrlfLfAndCrLines() throws IOException {
		List<CsvRecord> records = read("a,b\r\nc,d\ne,f\rg,h");
		assertThat(records).extracting(CsvRecord::cells)
			.containsExactly(List.of("a", "b"), List.of("c", "d"), List.of("e", "f"), List.of("g", "h"));
		assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 4L);
	}

	@Test
	void readsQuotedCellsWithCommasQuotesAndLineBreaks() throws IOException {
		List<CsvRecord> records = read("\"a,1\",\"say \"\"hi\"\"\",\"x\r\ny\"\r\nnext,\"\"\r\n");
		assertThat(records.get(0).cells()).containsExactly("a,1", "say \"hi\"", "x\ny");
		assertThat(records.get(1).cells()).containsExactly("next", "");
	}

	@Test
	void numbersRecordsByThePhysicalLineTheyStartOnCountingQuotedLineBreaks() throws IOException {
		List<CsvRecord> records = read("h1,h2\r\n1,\"one\r\ntwo\r\nthree\"\r\n2,x\r\n\r\n3,\"a\nb\"\n4,y\n");
		assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 5L, 6L, 7L, 9L);
		assertThat(records.get(3).isBlank()).isTrue();
	}

	@Test
	void skipsAByteOrderMarkAtTheStart() throws IOException {
		assertThat(read("\uFEFFexternal_id,b").get(0).cells()).containsExactly("external_id", "b");
	}

	@Test
	void keepsTextAfterAClosingQuoteAsExcelDoes() throws IOException {
		assertThat(read("\"a\"b,c").get(0).cells()).containsExactly("ab", "c");
		assertThat(read("a\"b\",c").get(0).cells()).containsExactly("a\"b\"", "c");
	}

	@Test
	void treatsALineOfEmptyCellsAsBlank() throws IOException {
		List<CsvRecord> records = read("a,b\n,,,\n\n c ,d");
		assertThat(records).extracting(CsvRecord::isBlank).containsExactly(false, true, true, false);
	}

	@Test
	void readsNoRecordFromAnEmptyInput() throws IOException {
		assertThat(read("")).isEmpty();
		assertThat(read("\uFEFF")).isEmpty();
	}

	@Nested
	class BoundedMemory {

		@Test
		void reportsARecordLongerThanTheLimitAndGoesOnWithTheNextLine() throws IOException {
			String big = "x".repeat(5000);
			List<CsvRecord> records = read("a,b\n1," + big + "\n2,\"" + big + "\nstill quoted\"\n3,ok\n", 1000);
			assertThat(records).extracting(CsvRecord::problem)
				.containsExactly(null, CsvRecord.Problem.TOO_LONG, CsvRecord.Problem.TOO_LONG, null);
			assertThat(records).extracting(CsvRecord::line).containsExactly(1L, 2L, 3L, 5L);
			assertThat(records.get(3).cells()).containsExactly("3", "ok");
		}

		@Test
		void readsATenMegabyteCellWithoutKeepingIt() throws IOException {
			// a reader that produces 10 MB in one cell without the test holding it either
			Reader huge = new Reader() {

				private long remaining = 10L * 1024 * 1024;

				private boolean ended;

				@Override
				public int read(char[] target, int offset, int length) {
					if (remaining > 0) {
						int n = (int) Math.min(length, remaining);
						java.util.Arrays.fill(target, offset, offset + n, 'y');
						remaining -= n;
						return n;
					}
					if (!ended) {
						ended = true;
						String rest = "\r\n2,after\r\n";
						rest.getChars(0, rest.length(), target, offset);
						return rest.length();
					}
					return -1;
				}

				@Override
				public void close() {
				}

			};
			try (CsvRecordReader reader = new CsvRecordReader(huge)) {
				CsvRecord first = reader.next();
				assertThat(first.problem()).isEqualTo(CsvRecord.Problem.TOO_LONG);
				assertThat(first.cells()).isEmpty();
				CsvRecord second = reader.next();
				assertThat(second.line()).isEqualTo(2);
				assertThat(second.cells()).containsExactly("2", "after");
			}
		}

		@Test
		void reportsAQuoteThatIsNeverClosed() throws IOException {
			List<CsvRecord> records = read("a,b\n1,\"open\n2,x\n");
			assertThat(records).hasSize(2);
			assertThat(records.get(1).problem()).isEqualTo(CsvRecord.Problem.UNTERMINATED_QUOTE);
			assertThat(records.get(1).line()).isEqualTo(2);
		}

	}

	private static List<CsvRecord> read(String text) throws IOException {
		return read(text, CsvRecordReader.DEFAULT_MAX_RECORD_CHARS);
	}

	private static List<CsvRecord> read(String text, int max) throws IOException {
		List<CsvRecord> records = new ArrayList<>();
		try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text), max)) {
			for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
				records.add(record);
			}
		}
		return records;
	}

}
