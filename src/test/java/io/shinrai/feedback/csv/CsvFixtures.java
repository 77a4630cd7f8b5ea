package io.shinrai.feedback.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The byte-exact CSV files of {@code src/test/resources/csv} (written by its
 * {@code make-files.py}), with their {@code {run}} marker replaced by a token unique to
 * one test, so tests sharing the database never see each other's rows.
 */
final class CsvFixtures {

	private CsvFixtures() {
	}

	static String newRun() {
		return "T" + UUID.randomUUID().toString().substring(0, 13);
	}

	static byte[] bytes(String name, String run) {
		try (InputStream in = CsvFixtures.class.getResourceAsStream("/csv/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("no test file " + name);
			}
			return replace(in.readAllBytes(), "{run}".getBytes(StandardCharsets.US_ASCII),
					run.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Path file(Path directory, String name, String run) {
		try {
			Path file = directory.resolve(name);
			Files.write(file, bytes(name, run));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] replace(byte[] data, byte[] marker, byte[] replacement) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length);
		int i = 0;
		while (i < data.length) {
			if (startsWith(data, i, marker)) {
				out.writeBytes(replacement);
				i += marker.length;
			}
			else {
				out.write(data[i++]);
			}
		}
		return out.toByteArray();
	}

	private static boolean startsWith(byte[] data, int offset, byte[] marker) {
		if (offset + marker.length > data.length) {
			return false;
		}
		for (int j = 0; j < marker.length; j++) {
			if (data[offset + j] != marker[j]) {
				return false;
			}
		}
		return true;
	}

}
