package io.shinrai.backup;

import java.time.Instant;

/**
 * One backup file: its name in the backups directory, when it was taken, its size in
 * bytes, the SHA-256 of its content (also in {@code <name>.sha256}, as {@code sha256sum}
 * writes it), whether it was taken on schedule or on demand, and its format.
 */
public record Backup(String name, Instant takenAt, long size, String sha256, Kind kind, Format format) {

	/** Why it was taken. */
	public enum Kind {

		SCHEDULED, MANUAL

	}

	/** What the file holds, and so how it is restored. */
	public enum Format {

		/**
		 * A gzip-compressed tar of the data directory with its WAL: extracted into an
		 * empty data directory.
		 */
		BASE("tar.gz"),
		/**
		 * {@code pg_dump --format=custom}: restored with {@code pg_restore} into an empty
		 * database.
		 */
		DUMP("dump");

		private final String extension;

		Format(String extension) {
			this.extension = extension;
		}

		public String extension() {
			return extension;
		}

	}

}
