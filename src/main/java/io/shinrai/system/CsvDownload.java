package io.shinrai.system;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * A CSV file streamed to the browser as a download, written the way Excel (also Japanese
 * Excel) opens it correctly: UTF-8 with a byte order mark, CRLF line ends, every text
 * cell in double quotes (so that a spreadsheet whose list separator is {@code ;} or a tab
 * still reads it as one text cell), numbers bare, a cell not given empty, and every text
 * cell protected against formula injection ({@link SpreadsheetCells}). Rows go straight
 * to the response, so no export is ever held in memory.
 */
public final class CsvDownload implements Closeable {

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
		.setQuoteMode(QuoteMode.NON_NUMERIC)
		.setRecordSeparator("\r\n")
		.get();

	private final CSVPrinter printer;

	private CsvDownload(CSVPrinter printer) {
		this.printer = printer;
	}

	/**
	 * Starts the download {@code <name>-<date>.csv} and writes its header row.
	 */
	public static CsvDownload start(HttpServletResponse response, String name, LocalDate date, List<String> header)
			throws IOException {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment()
					.filename(name + "-" + date + ".csv", StandardCharsets.UTF_8)
					.build()
					.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		writer.write('\uFEFF');
		CsvDownload download = new CsvDownload(new CSVPrinter(writer, FORMAT));
		download.row(header);
		return download;
	}

	/**
	 * Writes one row: {@code null} cells empty, {@link Number}s as they are (Shinrai's
	 * numbers are never negative, so none starts a formula), everything else as
	 * protected, quoted text.
	 */
	public void row(List<?> cells) {
		try {
			for (Object cell : cells) {
				printer
					.print(cell == null || cell instanceof Number ? cell : SpreadsheetCells.protect(cell.toString()));
			}
			printer.println();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public void row(Object... cells) {
		row(Arrays.asList(cells));
	}

	@Override
	public void close() throws IOException {
		printer.close(true);
	}

}
