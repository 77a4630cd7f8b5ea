package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens uploaded CSV files and decides, before anything is stored, whether one can be
 * imported at all.
 * <p>
 * <b>Encoding rule</b> (detected, never asked): a file is read as UTF-8 when it starts
 * with the UTF-8 byte order mark or when all of it is valid UTF-8; otherwise as
 * Windows-31J (Shift_JIS as Japanese Excel writes it) when all of it is valid
 * Windows-31J; otherwise it is refused. Japanese text in Windows-31J is practically never
 * valid UTF-8, and a file of plain ASCII reads the same either way. A file with control
 * bytes (NUL and the like, which text never has) in its first 8 KB is refused as not
 * being text: images, archives, spreadsheets saved as .xlsx.
 */
final class CsvFiles {

	static final Charset WINDOWS_31J = Charset.forName("windows-31j");

	private static final int PREFIX_BYTES = 8 * 1024;

	private CsvFiles() {
	}

	/**
	 * What a readable file holds: its encoding, its header and how many data rows follow
	 * it.
	 */
	record Inspection(Charset charset, CsvHeader header, long rows) {
	}

	/**
	 * Reads the whole file once (streaming) to find its encoding, check its header and
	 * count its rows.
	 * @throws ImportRefused if the file cannot be imported at all
	 */
	static Inspection inspect(Path file, int maxRecordChars) throws IOException {
		if (Files.size(file) == 0) {
			throw new ImportRefused("import.refused.empty");
		}
		byte[] prefix = prefix(file);
		if (hasControlBytes(prefix)) {
			throw new ImportRefused("import.refused.binary");
		}
		List<Charset> candidates = startsWithUtf8Bom(prefix) ? List.of(StandardCharsets.UTF_8)
				: List.of(StandardCharsets.UTF_8, WINDOWS_31J);
		for (Charset charset : candidates) {
			try {
				return scan(file, charset, maxRecordChars);
			}
			catch (CharacterCodingException ex) {
				// not this encoding: try the next one
			}
		}
		throw new ImportRefused("import.refused.encoding");
	}

	/**
	 * A reader of the file's records that fails on any byte sequence that is not valid in
	 * the charset.
	 */
	static CsvRecordReader open(Path file, Charset charset, int maxRecordChars) throws IOException {
		InputStream in = Files.newInputStream(file);
		return new CsvRecordReader(new InputStreamReader(in,
				charset.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)),
				maxRecordChars);
	}

	private static Inspection scan(Path file, Charset charset, int maxRecordChars) throws IOException {
		try (CsvRecordReader reader = open(file, charset, maxRecordChars)) {
			CsvRecord first = reader.next();
			while (first != null && first.isBlank()) {
				first = reader.next();
			}
			long rows = 0;
			for (CsvRecord record = reader.next(); record != null; record = reader.next()) {
				if (!record.isBlank()) {
					rows++;
				}
			}
			if (first == null) {
				throw new ImportRefused("import.refused.empty");
			}
			if (first.problem() != null) {
				throw new ImportRefused("import.refused.noHeader", String.join(",", CsvColumn.headers()));
			}
			CsvHeader header = CsvHeader.of(first.cells());
			if (rows == 0) {
				throw new ImportRefused("import.refused.headerOnly");
			}
			return new Inspection(charset, header, rows);
		}
	}

	private static byte[] prefix(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(PREFIX_BYTES);
		}
	}

	private static boolean startsWithUtf8Bom(byte[] bytes) {
		return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
	}

	/**
	 * Bytes below 0x20 other than tab, line feed and carriage return never occur in a CSV
	 * file's text.
	 */
	private static boolean hasControlBytes(byte[] bytes) {
		for (byte b : bytes) {
			if (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
				return true;
			}
		}
		return false;
	}

}
