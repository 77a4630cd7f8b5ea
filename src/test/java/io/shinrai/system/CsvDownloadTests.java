package io.shinrai.system;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDownloadTests {

	@Test
	void quotesEveryTextCellAndLeavesNumbersAndMissingCellsBare() throws Exception {
		String text = download(List.of("a", "b", "c", "d", "e"), List.of(List.of("plain", 5), List.of("", "x\"y")));
		assertThat(text.split("\r\n")).containsExactly("\"a\",\"b\",\"c\",\"d\",\"e\"", "\"plain\",5",
				"\"\",\"x\"\"y\"");
		String withNull = download(List.of("a"), List.of(java.util.Arrays.asList(null, "z", null)));
		assertThat(withNull.split("\r\n")[1]).isEqualTo(",\"z\",");
	}

	@Test
	void neutralisesFormulaStartsInEveryTextCell() throws Exception {
		String text = download(List.of("h"),
				List.of(List.of("=1+1", ";=1+1", "＝SUM(A1)", "＠x", "＋1", "－1", "\tx", "@y")));
		assertThat(text.split("\r\n")[1])
			.isEqualTo("\"'=1+1\",\";=1+1\",\"'＝SUM(A1)\",\"'＠x\",\"'＋1\",\"'－1\",\"'\tx\",\"'@y\"");
	}

	private static String download(List<String> header, List<List<?>> rows) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (CsvDownload csv = CsvDownload.start(response, "test", LocalDate.of(2026, 1, 1), header)) {
			rows.forEach(csv::row);
		}
		String text = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("\uFEFF");
		return text.substring(1);
	}

}
