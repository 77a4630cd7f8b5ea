package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.NewFeedback;
import io.shinrai.feedback.Signal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowMapperTests {

	private static final String HEADER = String.join(",", CsvColumn.headers());

	@Test
	void readsEveryColumn() throws IOException {
		CsvRow row = mapOne("X-1, C-1 ,Acme,Enterprise,2026-05-01T09:30:00Z,review site,Delivery,1,2,3,4,5,10,5,7,"
				+ "broken_promise; Hidden-Fees ;,\"Late, again\"")
			.row();
		assertThat(row.line()).isEqualTo(2);
		assertThat(row.externalId()).isEqualTo("X-1");
		assertThat(row.customerRef()).isEqualTo("C-1");
		assertThat(row.receivedAt()).isEqualTo(Instant.parse("2026-05-01T09:30:00Z"));
		assertThat(row.channel()).isEqualTo(Channel.REVIEW_SITE);
		assertThat(row.category()).isEqualTo(Category.DELIVERY);
		assertThat(row.ratings()).containsExactlyInAnyOrderEntriesOf(Map.of(Signal.TRANSPARENCY, 1, Signal.CONSISTENCY,
				2, Signal.COMMUNICATION, 3, Signal.QUALITY, 4, Signal.VALUES, 5));
		assertThat(List.of(row.nps(), row.csat(), row.ces())).containsExactly(10, 5, 7);
		assertThat(row.incidents()).containsExactly(IncidentType.HIDDEN_FEES, IncidentType.BROKEN_PROMISE);
		assertThat(row.comment()).isEqualTo("Late, again");
	}

	@Test
	void readsEmptyCellsAsNotGiven() throws IOException {
		CsvRow row = mapOne(",C-1,,,2026-05-01,EMAIL,OTHER,,,,,,,,,,").row();
		assertThat(row.externalId()).isNull();
		assertThat(row.customerName()).isNull();
		assertThat(row.ratings()).isEmpty();
		assertThat(row.nps()).isNull();
		assertThat(row.incidents()).isEmpty();
		assertThat(row.comment()).isNull();
	}

	@Test
	void readsFullWidthDigitsAndLettersAsJapaneseInputWritesThem() throws IOException {
		CsvRow row = mapOne(",C-1,,,２０２６/０５/０１,ＥＭＡＩＬ,OTHER,３,,,,,１０,,,,").row();
		assertThat(row.receivedAt()).isEqualTo(Instant.parse("2026-04-30T15:00:00Z"));
		assertThat(row.channel()).isEqualTo(Channel.EMAIL);
		assertThat(row.ratings()).containsEntry(Signal.TRANSPARENCY, 3);
		assertThat(row.nps()).isEqualTo(10);
	}

	@Test
	void removesTheFormulaProtectionOfAnExport() throws IOException {
		CsvRow row = mapOne("'=1+1,'@ref,'+81,'-seg,2026-05-01,EMAIL,OTHER,3,,,,,,,,,''=kept quote").row();
		assertThat(List.of(row.externalId(), row.customerRef(), row.customerName(), row.segment(), row.comment()))
			.containsExactly("=1+1", "@ref", "+81", "-seg", "'=kept quote");
	}

	@Test
	void leavesRangesToTheFeedbackRules() throws IOException {
		CsvRow row = mapOne(",C-1,,,2026-05-01,EMAIL,OTHER,9,,,,,11,0,8,,").row();
		assertThat(row.ratings()).containsEntry(Signal.TRANSPARENCY, 9);
		assertThat(List.of(row.nps(), row.csat(), row.ces())).containsExactly(11, 0, 8);
	}

	@Test
	void hashesTheSameFeedbackTheSameWayWhateverItsSpellingAndNotItsCustomerName() throws IOException {
		String a = hash(",C-1,Acme,SMB,2026-05-01 09:00,EMAIL,OTHER,3,,,,,,,,hidden_fees;broken_promise,x");
		String b = hash(
				",C-1,ACME Inc.,,2026-05-01T00:00:00.0000001Z,email,other,3,,,,,,,,BROKEN_PROMISE;HIDDEN_FEES, x ");
		String c = hash(",C-1,Acme,SMB,2026-05-01 09:00,EMAIL,OTHER,4,,,,,,,,hidden_fees;broken_promise,x");
		String d = hash(",C-2,Acme,SMB,2026-05-01 09:00,EMAIL,OTHER,3,,,,,,,,hidden_fees;broken_promise,x");
		assertThat(a).hasSize(64).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
	}

	@Test
	void givesARowWithAnExternalIdNoHash() throws IOException {
		CsvRow row = mapOne("X-1,C-1,Acme,SMB,2026-05-01,EMAIL,OTHER,3,,,,,,,,,").row();
		assertThat(CsvFeedbackWriter.entry(row, 1, "manager").rowHash()).isNull();
	}

	private static String hash(String line) throws IOException {
		NewFeedback entry = CsvFeedbackWriter.entry(mapOne(line).row(), 1, "manager");
		assertThat(entry.rowHash()).isEqualTo(RowHash.of(entry));
		return entry.rowHash();
	}

	@Nested
	class RejectsRows {

		@Test
		void withABadDate() throws IOException {
			assertReasons(",C-1,,,2026-02-30,EMAIL,OTHER,3,,,,,,,,,", "import.reason.badDate");
		}

		@Test
		void withAnUnknownChannelCategoryOrIncident() throws IOException {
			assertReasons(",C-1,,,2026-05-01,FAX,WEATHER,3,,,,,,,,LATE_PIZZA;HIDDEN_FEES,",
					"import.reason.unknownChannel", "import.reason.unknownCategory", "import.reason.unknownIncident");
		}

		@Test
		void withSomethingElseThanAWholeNumber() throws IOException {
			assertReasons(",C-1,,,2026-05-01,EMAIL,OTHER,three,2.5,,,,-1,,99999999999,,", "import.reason.notANumber",
					"import.reason.notANumber", "import.reason.notANumber", "import.reason.notANumber");
		}

		@Test
		void withTooManyOrTooFewCells() throws IOException {
			assertReasons(",C-1,,,2026-05-01,EMAIL,OTHER,3,,,,,,,,,,extra", "import.reason.tooManyCells");
			assertReasons(",C-1,,,2026-05-01,EMAIL,OTHER,3", "import.reason.tooFewCells");
		}

		@Test
		void butNotForEmptyCellsAfterTheLastColumn() throws IOException {
			assertThat(mapOne(",C-1,,,2026-05-01,EMAIL,OTHER,3,,,,,,,,,,,,").rejected()).isFalse();
		}

		@Test
		void withControlCharacters() throws IOException {
			assertReasons(",C-1,,,2026-05-01,EMAIL,OTHER,3,,,,,,,,,a\u0000b", "import.reason.controlCharacter");
		}

		@Test
		void keepingTheirCellsForTheDownload() throws IOException {
			CsvRowMapper.Result result = mapOne("X,C-1,,,2026-05-01,FAX,OTHER,3,,,,,,,,,'=note");
			assertThat(result.cells()).hasSize(17).startsWith("X", "C-1").endsWith("=note");
		}

		private void assertReasons(String line, String... keys) throws IOException {
			CsvRowMapper.Result result = mapOne(line);
			assertThat(result.rejected()).isTrue();
			assertThat(result.reasons()).extracting(Reason::key).containsExactly(keys);
		}

	}

	private static CsvRowMapper.Result mapOne(String line) throws IOException {
		return map(HEADER + "\r\n" + line + "\r\n").get(0);
	}

	private static List<CsvRowMapper.Result> map(String text) throws IOException {
		List<CsvRowMapper.Result> results = new ArrayList<>();
		try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text))) {
			CsvRowMapper mapper = new CsvRowMapper(CsvHeader.of(reader.next().cells()), ZoneId.of("Asia/Tokyo"),
					CsvRecordReader.DEFAULT_MAX_RECORD_CHARS);
			for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
				results.add(mapper.map(record));
			}
		}
		return results;
	}

}
