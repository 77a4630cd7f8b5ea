package io.shinrai.feedback.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the records of an RFC 4180 CSV file (comma separated, {@code "} quoted,
 * {@code ""} for a quote) one at a time, with memory bounded by {@code maxRecordChars}
 * whatever the file holds: a record longer than that is skipped to its end and reported
 * as {@link CsvRecord.Problem#TOO_LONG}. Every record knows the physical line it starts
 * on, counting line breaks inside quoted cells, so messages can point at the line an
 * editor shows.
 * <p>
 * Line ends may be CRLF (Excel), LF or CR. Line breaks inside quoted cells become
 * {@code \n}. A leading byte order mark is skipped. Like Excel, text after a closing
 * quote is kept ({@code "a"b} reads {@code ab}).
 * <p>
 * Apache Commons CSV is not used for reading because it buffers a whole cell, however
 * long, and numbers records rather than lines.
 */
final class CsvRecordReader implements Closeable {

	static final int DEFAULT_MAX_RECORD_CHARS = 64 * 1024;

	private static final int EOF = -1;

	private final Reader in;

	private final int maxRecordChars;

	private final char[] buffer = new char[16 * 1024];

	private int position;

	private int limit;

	private long line = 1;

	private boolean started;

	CsvRecordReader(Reader in) {
		this(in, DEFAULT_MAX_RECORD_CHARS);
	}

	CsvRecordReader(Reader in, int maxRecordChars) {
		this.in = in;
		this.maxRecordChars = maxRecordChars;
	}

	/** The next record, or {@code null} at the end of the file. */
	CsvRecord next() throws IOException {
		if (!started) {
			started = true;
			if (peek() == '\uFEFF') {
				read();
			}
		}
		if (peek() == EOF) {
			return null;
		}
		long startLine = line;
		List<String> cells = new ArrayList<>(20);
		StringBuilder cell = new StringBuilder();
		int length = 0;
		boolean tooLong = false;
		while (true) {
			int c = read();
			if (c == EOF) {
				return finish(startLine, cells, cell, tooLong);
			}
			if (c == '"' && cell.isEmpty()) {
				// a quoted cell (or part of one, like Excel): up to the closing quote, ""
				// is a quote
				while (true) {
					int q = read();
					if (q == EOF) {
						return new CsvRecord(startLine, List.of(), CsvRecord.Problem.UNTERMINATED_QUOTE);
					}
					if (q == '"') {
						if (peek() == '"') {
							read();
						}
						else {
							break;
						}
					}
					else if (q == '\r' || q == '\n') {
						endLine(q);
						q = '\n';
					}
					if (++length > maxRecordChars) {
						tooLong = true;
					}
					if (!tooLong) {
						cell.append((char) q);
					}
				}
				continue;
			}
			if (c == ',') {
				if (!tooLong) {
					cells.add(cell.toString());
				}
				cell.setLength(0);
				length++;
				continue;
			}
			if (c == '\r' || c == '\n') {
				endLine(c);
				return finish(startLine, cells, cell, tooLong);
			}
			if (++length > maxRecordChars) {
				tooLong = true;
			}
			if (tooLong) {
				// keep one character so that a quote later in this cell is still read as
				// text
				cell.setLength(0);
				cell.append('x');
			}
			else {
				cell.append((char) c);
			}
		}
	}

	/** The physical line the reader has reached. */
	long line() {
		return line;
	}

	private CsvRecord finish(long startLine, List<String> cells, StringBuilder cell, boolean tooLong) {
		if (tooLong) {
			return new CsvRecord(startLine, List.of(), CsvRecord.Problem.TOO_LONG);
		}
		cells.add(cell.toString());
		return new CsvRecord(startLine, cells, null);
	}

	/** Counts a line end; CRLF is one. */
	private void endLine(int c) throws IOException {
		if (c == '\r' && peek() == '\n') {
			read();
		}
		line++;
	}

	private int read() throws IOException {
		if (position == limit && !fill()) {
			return EOF;
		}
		return buffer[position++];
	}

	private int peek() throws IOException {
		if (position == limit && !fill()) {
			return EOF;
		}
		return buffer[position];
	}

	private boolean fill() throws IOException {
		int n;
		do {
			n = in.read(buffer, 0, buffer.length);
		}
		while (n == 0);
		if (n < 0) {
			return false;
		}
		position = 0;
		limit = n;
		return true;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

}
