package io.shinrai.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * PostgreSQL's online base backup through its low-level API, as
 * {@code pg_basebackup --format=tar --wal-method=fetch} makes it:
 * {@code pg_backup_start}, a copy of the data directory while the server runs,
 * {@code pg_backup_stop} and its {@code backup_label}, then the WAL written meanwhile. A
 * temporary replication slot keeps that WAL from being recycled until it is copied.
 * Extracted into an empty directory, the server replays the WAL at start and opens the
 * database as it was when the backup ended. It needs the data directory on this machine,
 * readable by this OS user (the embedded database).
 */
final class BaseBackupWriter {

	/**
	 * What the server makes anew at start, as pg_basebackup leaves it out (directories
	 * kept, empty).
	 */
	private static final Set<String> EMPTIED_DIRECTORIES = Set.of("pg_wal", "pg_dynshmem", "pg_notify", "pg_serial",
			"pg_snapshots", "pg_stat_tmp", "pg_subtrans", "pg_replslot");

	private static final Set<String> LEFT_OUT_FILES = Set.of("postmaster.pid", "postmaster.opts", "pg_internal.init",
			"backup_label", "backup_label.old", "tablespace_map", "backup_manifest", "current_logfiles");

	private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}");

	private BaseBackupWriter() {
	}

	/**
	 * Writes the backup of the server {@code connection} (a session of its own, closed by
	 * the caller) to {@code out}.
	 */
	static void write(Connection connection, OutputStream out) throws IOException, SQLException {
		Path data = dataDirectory(connection);
		String slot = "shinrai_backup_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
		try (Statement statement = connection.createStatement()) {
			statement.execute("select pg_create_physical_replication_slot('" + slot + "', true, true)");
		}
		String startWal;
		try (PreparedStatement start = connection
			.prepareStatement("select pg_walfile_name(pg_backup_start(?, true))")) {
			start.setString(1, "shinrai " + slot);
			startWal = single(start);
		}
		try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new FastGzip(out))) {
			tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
			tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
			try (Stream<Path> tree = Files.walk(data)) {
				for (Path path : (Iterable<Path>) tree::iterator) {
					add(tar, data, path);
				}
			}
			String label;
			String tablespaces;
			String stopWal;
			try (Statement stop = connection.createStatement();
					ResultSet rs = stop.executeQuery(
							"select labelfile, spcmapfile, pg_walfile_name(lsn) from pg_backup_stop(false)")) {
				rs.next();
				label = rs.getString(1);
				tablespaces = rs.getString(2);
				stopWal = rs.getString(3);
			}
			addText(tar, "backup_label", label);
			if (tablespaces != null && !tablespaces.isBlank()) {
				addText(tar, "tablespace_map", tablespaces);
			}
			// the WAL from the backup's start to its end; the slot has kept it since
			// before the start
			List<Path> wal;
			try (Stream<Path> files = Files.list(data.resolve("pg_wal"))) {
				wal = files.filter(file -> {
					String name = file.getFileName().toString();
					return name.endsWith(".history") || (WAL_SEGMENT.matcher(name).matches()
							&& name.compareTo(startWal) >= 0 && name.compareTo(stopWal) <= 0);
				}).sorted().toList();
			}
			for (Path file : wal) {
				addFile(tar, "pg_wal/" + file.getFileName(), file);
			}
			tar.finish();
		}
	}

	private static Path dataDirectory(Connection connection) throws SQLException {
		Path data;
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("show data_directory")) {
			rs.next();
			data = Path.of(rs.getString(1));
		}
		if (!Files.isReadable(data.resolve("PG_VERSION")) || !Files.isReadable(data.resolve("global"))) {
			throw new BackupFailedException("backup.failed.notLocal", new Object[] { data.toString() },
					"The database's data directory " + data + " is not readable here; a base backup needs the "
							+ "embedded database (or shinrai.backup.method=DUMP)");
		}
		try (Stream<Path> tablespaces = Files.list(data.resolve("pg_tblspc"))) {
			if (tablespaces.findAny().isPresent()) {
				throw new BackupFailedException("backup.failed.tablespaces", new Object[0],
						"The database has tablespaces outside its data directory; use shinrai.backup.method=DUMP");
			}
		}
		catch (NoSuchFileException ex) {
			// no tablespace directory: none
		}
		catch (IOException ex) {
			throw new BackupFailedException("backup.failed.notLocal", new Object[] { data.toString() },
					"Could not read " + data.resolve("pg_tblspc"), ex);
		}
		return data;
	}

	private static void add(TarArchiveOutputStream tar, Path data, Path path) throws IOException {
		Path relative = data.relativize(path);
		String name = relative.toString();
		if (name.isEmpty()) {
			return;
		}
		String fileName = path.getFileName().toString();
		Path parent = relative.getParent();
		if (parent != null && EMPTIED_DIRECTORIES.contains(parent.getName(0).toString())
				|| fileName.startsWith("pgsql_tmp") || LEFT_OUT_FILES.contains(fileName)) {
			return;
		}
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			TarArchiveEntry entry = new TarArchiveEntry(name + "/");
			entry.setMode(040700);
			tar.putArchiveEntry(entry);
			tar.closeArchiveEntry();
		}
		else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
			addFile(tar, name, path);
		}
	}

	/**
	 * Copies the file as long as it was when opened: one that shrinks meanwhile is
	 * padded, as WAL replay fixes it.
	 */
	private static void addFile(TarArchiveOutputStream tar, String name, Path file) throws IOException {
		FileChannel channel;
		try {
			channel = FileChannel.open(file, StandardOpenOption.READ);
		}
		catch (NoSuchFileException ex) {
			// dropped while the backup ran: its removal is in the WAL
			return;
		}
		try (channel) {
			long size = channel.size();
			TarArchiveEntry entry = new TarArchiveEntry(name);
			entry.setMode(0100600);
			entry.setSize(size);
			entry.setModTime(Files.getLastModifiedTime(file).toMillis());
			tar.putArchiveEntry(entry);
			ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
			long left = size;
			while (left > 0) {
				buffer.clear().limit((int) Math.min(buffer.capacity(), left));
				int read = channel.read(buffer);
				if (read < 0) {
					break;
				}
				tar.write(buffer.array(), 0, read);
				left -= read;
			}
			byte[] zeros = new byte[8192];
			while (left > 0) {
				int n = (int) Math.min(zeros.length, left);
				tar.write(zeros, 0, n);
				left -= n;
			}
			tar.closeArchiveEntry();
		}
	}

	private static void addText(TarArchiveOutputStream tar, String name, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		TarArchiveEntry entry = new TarArchiveEntry(name);
		entry.setMode(0100600);
		entry.setSize(bytes.length);
		tar.putArchiveEntry(entry);
		tar.write(bytes);
		tar.closeArchiveEntry();
	}

	private static String single(PreparedStatement statement) throws SQLException {
		try (ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	/**
	 * gzip at its fastest level: a daily backup of data pages, where speed matters more
	 * than a few per cent.
	 */
	private static final class FastGzip extends GZIPOutputStream {

		FastGzip(OutputStream out) throws IOException {
			super(out, 64 * 1024);
			def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
