package io.shinrai.feedback.csv;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import io.shinrai.system.CsvDownload;

import static org.assertj.core.api.Assertions.assertThat;

/** What an export writes, the import reads back as the same values, whatever the text. */
class CsvRoundTripTests {

	private static final String ALPHABET = "aZ9 ,;\"'=+-@\t\n＝＋－＠ーＡ１日本語テスト😀";

	@Test
	void importReadsEveryExportedTextCellBackExactly() throws Exception {
		Random random = new Random(20261201);
		List<List<String>> written = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			// identifiers and names are trimmed on import (as the form and the API store
			// them), comments are kept as
			// they are
			written.add(List.of(random(random, false), random(random, false), random(random, false),
					random(random, false), random(random, true)));
		}
		written.add(List.of("＝1", "'＝1", "''＠x", "＋81", " ＝SUM(A1) "));
		written.add(List.of("=1+1", "@ref", "+81", "-seg", "\tcomment"));

		MockHttpServletResponse response = new MockHttpServletResponse();
		try (CsvDownload csv = CsvDownload.start(response, "round-trip", LocalDate.of(2026, 1, 1),
				CsvColumn.headers())) {
			for (List<String> row : written) {
				csv.row(row.get(0), row.get(1), row.get(2), row.get(3), "2026-05-01T09:30:00+09:00", "EMAIL", "OTHER",
						3, null, null, null, null, 10, null, null, "", row.get(4));
			}
		}
		String text = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8).substring(1);

		List<List<String>> read = new ArrayList<>();
		try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text))) {
			CsvRowMapper mapper = new CsvRowMapper(CsvHeader.of(reader.next().cells()), ZoneId.of("Asia/Tokyo"),
					CsvRecordReader.DEFAULT_MAX_RECORD_CHARS);
			for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
				CsvRowMapper.Result result = mapper.map(record);
				assertThat(result.reasons()).as("line %d", record.line()).isEmpty();
				CsvRow row = result.row();
				read.add(
						List.of(row.externalId(), row.customerRef(), row.customerName(), row.segment(), row.comment()));
				assertThat(row.nps()).isEqualTo(10);
			}
		}
		assertThat(read).containsExactlyElementsOf(written);
	}

	private static String random(Random random, boolean comment) {
		StringBuilder text = new StringBuilder();
		int length = 1 + random.nextInt(12);
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(ALPHABET.codePointAt(
					ALPHABET.offsetByCodePoints(0, random.nextInt(ALPHABET.codePointCount(0, ALPHABET.length())))));
		}
		String value = comment ? text.toString() : text.toString().strip();
		if (value.isBlank()) {
			return "x" + value + "x";
		}
		return value;
	}

}
