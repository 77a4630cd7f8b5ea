package io.shinrai.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.shinrai.audit.AuditLog;
import io.shinrai.audit.AuditType;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.EmbeddedPostgresServer;
import io.shinrai.system.PrivateFiles;

/**
 * The backups of the database in {@code shinrai.backup.directory}: taking one (one at a
 * time across instances, by a database lock), listing them, and rotating them — the
 * newest backup of each of the last {@code keep-daily} days and of each of the last
 * {@code keep-weekly} weeks (business time zone) stay, and the newest {@code keep-manual}
 * taken on demand; nothing stays longer than {@link BackupProperties#horizon()}. A file
 * is written under a temporary name, synced and renamed, so a listed backup is always
 * complete; its SHA-256 is in {@code <name>.sha256}.
 */
@Service
public class Backups {

	static final String SYSTEM = "system";

	static final String LOCK_NAME = "backup-running";

	private static final Logger log = LoggerFactory.getLogger(Backups.class);

	private static final Pattern NAME = Pattern
		.compile("shinrai-(\\d{8}T\\d{9}Z)-(scheduled|manual)\\.(tar\\.gz|dump)");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private final BackupProperties properties;

	private final JdbcClient jdbc;

	private final JdbcConnectionDetails database;

	private final Optional<EmbeddedPostgresServer> embedded;

	private final LockProvider locks;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final ZoneId zone;

	Backups(BackupProperties properties, JdbcClient jdbc, JdbcConnectionDetails database,
			ObjectProvider<EmbeddedPostgresServer> embedded, LockProvider locks, AuditLog audit,
			ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock,
			BusinessTime businessTime) {
		this.properties = properties;
		this.jdbc = jdbc;
		this.database = database;
		this.embedded = Optional.ofNullable(embedded.getIfAvailable());
		this.locks = locks;
		this.audit = audit;
		this.events = events;
		this.transactions = new TransactionTemplate(transactionManager);
		this.clock = clock;
		this.zone = businessTime.zone();
	}

	/**
	 * Takes a backup now, then rotates. A failure is audited, published as
	 * {@link BackupFailed} and thrown.
	 * @throws BackupRunningException when another backup is being taken
	 * @throws BackupFailedException when this one could not be taken (the reason is
	 * localised)
	 */
	public Backup take(Backup.Kind kind, String actor) {
		Optional<SimpleLock> lock = locks.lock(
				new LockConfiguration(clock.instant(), LOCK_NAME, properties.timeout().plusMinutes(5), Duration.ZERO));
		if (lock.isEmpty()) {
			throw new BackupRunningException();
		}
		try {
			Backup backup;
			try {
				backup = write(kind);
			}
			catch (BackupFailedException ex) {
				log.error("Backup failed: {}", ex.getMessage(), ex.getCause());
				transactions.executeWithoutResult(status -> {
					audit.record(actor, AuditType.BACKUP_FAILED, "backup", ex.getMessage(), null, null);
					events.publishEvent(new BackupFailed(clock.instant(), actor, ex.messageKey(),
							Stream.of(ex.arguments()).map(Backups::shortened).toList()));
				});
				throw ex;
			}
			transactions.executeWithoutResult(status -> {
				audit.record(actor, AuditType.BACKUP_CREATED, backup.name(),
						backup.kind().name().toLowerCase(Locale.ROOT) + ", " + backup.size() + " bytes, SHA-256 "
								+ backup.sha256(),
						null, null);
				events.publishEvent(new BackupTaken(backup, actor));
			});
			log.info("Backup {} written ({} bytes, SHA-256 {})", backup.name(), backup.size(), backup.sha256());
			rotate();
			return backup;
		}
		finally {
			lock.get().unlock();
		}
	}

	/** The complete backups, newest first. */
	public List<Backup> list() {
		Path directory = properties.directory();
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<Backup> backups = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				read(file).ifPresent(backups::add);
			}
		}
		catch (IOException ex) {
			throw new BackupFailedException("backup.failed.disk",
					new Object[] { directory.toString(), ex.getMessage() }, "Could not list " + directory, ex);
		}
		backups.sort(Comparator.comparing(Backup::takenAt).reversed());
		return backups;
	}

	/** The backup file of that name, if it is one of the listed backups. */
	public Optional<Path> file(String name) {
		return list().stream()
			.filter(backup -> backup.name().equals(name))
			.findFirst()
			.map(backup -> properties.directory().resolve(backup.name()));
	}

	/** Deletes the backups rotation no longer keeps; returns their names. */
	public List<String> rotate() {
		List<String> deleted = new ArrayList<>();
		for (Backup backup : expired(list(), properties, zone, clock.instant())) {
			try {
				Files.deleteIfExists(properties.directory().resolve(backup.name()));
				Files.deleteIfExists(properties.directory().resolve(backup.name() + ".sha256"));
				deleted.add(backup.name());
			}
			catch (IOException ex) {
				log.warn("Could not delete the old backup {}", backup.name(), ex);
			}
		}
		if (!deleted.isEmpty()) {
			log.info("Rotation deleted the backups {}", deleted);
		}
		return deleted;
	}

	/** Of {@code backups} (newest first), those rotation does not keep at {@code now}. */
	static List<Backup> expired(List<Backup> backups, BackupProperties properties, ZoneId zone, Instant now) {
		Set<String> kept = new HashSet<>();
		Set<LocalDate> days = new HashSet<>();
		Set<String> weeks = new HashSet<>();
		int manual = 0;
		for (Backup backup : backups) {
			LocalDate day = LocalDate.ofInstant(backup.takenAt(), zone);
			String week = day.get(IsoFields.WEEK_BASED_YEAR) + "-" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
			if (!days.contains(day) && days.size() < properties.keepDaily()) {
				days.add(day);
				kept.add(backup.name());
			}
			if (!weeks.contains(week) && weeks.size() < properties.keepWeekly()) {
				weeks.add(week);
				kept.add(backup.name());
			}
			if (backup.kind() == Backup.Kind.MANUAL && manual < properties.keepManual()) {
				manual++;
				kept.add(backup.name());
			}
		}
		Instant oldest = now.minus(properties.horizon());
		return backups.stream()
			.filter(backup -> !kept.contains(backup.name()) || backup.takenAt().isBefore(oldest))
			.toList();
	}

	private Backup write(Backup.Kind kind) {
		Path directory = properties.directory().toAbsolutePath().normalize();
		Backup.Format format = format();
		// the name holds the time to the millisecond, and the listing reads it from there
		Instant at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
		String name = "shinrai-" + STAMP.format(at) + "-" + kind.name().toLowerCase(Locale.ROOT) + "."
				+ format.extension();
		Path partial = directory.resolve("." + name + ".partial");
		try {
			PrivateFiles.createDirectory(directory);
			deleteLeftovers(directory);
			String sha256 = switch (format) {
				case BASE -> writeBase(partial);
				case DUMP -> writeDump(partial);
			};
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			Path target = directory.resolve(name);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			writePrivate(directory.resolve(name + ".sha256"), sha256 + "  " + name + "\n");
			return new Backup(name, at, Files.size(target), sha256, kind, format);
		}
		catch (IOException ex) {
			throw new BackupFailedException("backup.failed.disk", new Object[] { directory.toString(), describe(ex) },
					"Could not write the backup to " + directory + ": " + ex, ex);
		}
		catch (PrivateFiles.UnsafePathException ex) {
			throw new BackupFailedException("backup.failed.disk",
					new Object[] { directory.toString(), ex.getMessage() }, ex.getMessage(), ex);
		}
		finally {
			try {
				Files.deleteIfExists(partial);
			}
			catch (IOException ex) {
				log.warn("Could not delete {}", partial, ex);
			}
		}
	}

	private Backup.Format format() {
		return switch (properties.method()) {
			case BASE -> Backup.Format.BASE;
			case DUMP -> Backup.Format.DUMP;
			case AUTO -> embedded.isPresent() ? Backup.Format.BASE : Backup.Format.DUMP;
		};
	}

	private String writeBase(Path partial) throws IOException {
		MessageDigest digest = sha256();
		try (OutputStream file = Files.newOutputStream(
				Files.createFile(partial, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE)));
				DigestOutputStream out = new DigestOutputStream(file, digest);
				Connection connection = DriverManager.getConnection(database.getJdbcUrl(), database.getUsername(),
						database.getPassword())) {
			// a session of its own, not a pooled one: closing it ends the backup and
			// drops its slot whatever happened
			BaseBackupWriter.write(connection, out);
		}
		catch (SQLException ex) {
			throw new BackupFailedException("backup.failed.database", new Object[] { ex.getMessage() },
					"The database refused the base backup: " + ex.getMessage(), ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private String writeDump(Path partial) throws IOException {
		int serverMajor = jdbc.sql("show server_version_num").query(Integer.class).single() / 10000;
		List<Path> binaries = embedded.map(server -> List.of(server.binariesDirectory().resolve("bin")))
			.orElse(List.of());
		PgDump pgDump = new PgDump(Optional.ofNullable(properties.pgDump()), binaries);
		Path program = pgDump.program(serverMajor);
		Files.createFile(partial, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE));
		pgDump.dump(program, database.getJdbcUrl(), database.getUsername(), database.getPassword(), partial,
				properties.timeout());
		// pg_dump may replace the file: its mode is set again
		Files.setPosixFilePermissions(partial, PrivateFiles.OWNER_ONLY_FILE);
		MessageDigest digest = sha256();
		try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
			Files.copy(partial, out);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Half-written files of a backup that an instance did not finish (it died): the lock
	 * says none is running.
	 */
	private static void deleteLeftovers(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (file.getFileName().toString().endsWith(".partial")) {
					Files.deleteIfExists(file);
				}
			}
		}
	}

	private Optional<Backup> read(Path file) {
		Matcher matcher = NAME.matcher(file.getFileName().toString());
		Path checksum = file.resolveSibling(file.getFileName() + ".sha256");
		if (!matcher.matches() || !Files.isRegularFile(file) || !Files.isRegularFile(checksum)) {
			return Optional.empty();
		}
		try {
			String sha256 = Files.readString(checksum, StandardCharsets.UTF_8).strip().split("\\s+")[0];
			Instant at = STAMP.parse(matcher.group(1), Instant::from);
			Backup.Kind kind = Backup.Kind.valueOf(matcher.group(2).toUpperCase(Locale.ROOT));
			Backup.Format format = matcher.group(3).equals("dump") ? Backup.Format.DUMP : Backup.Format.BASE;
			return Optional.of(new Backup(file.getFileName().toString(), at, Files.size(file), sha256, kind, format));
		}
		catch (IOException ex) {
			// deleted meanwhile (rotation in another instance)
			return Optional.empty();
		}
	}

	private static void writePrivate(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".partial");
		Files.deleteIfExists(temporary);
		try (FileChannel channel = FileChannel.open(temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_ONLY_FILE))) {
			channel.write(StandardCharsets.UTF_8.encode(content));
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static String describe(IOException ex) {
		if (ex instanceof AccessDeniedException) {
			return "permission denied: " + ex.getMessage();
		}
		if (ex instanceof FileAlreadyExistsException) {
			return "already exists: " + ex.getMessage();
		}
		String message = ex.getMessage();
		return message == null ? ex.getClass().getSimpleName() : message;
	}

	/** An argument of a notice (pg_dump's output can be long; the log has all of it). */
	private static String shortened(Object argument) {
		String text = String.valueOf(argument);
		return text.length() <= 300 ? text : text.substring(0, 300) + "…";
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
