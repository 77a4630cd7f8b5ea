package io.shinrai.system;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The embedded PostgreSQL server run for the application, started and stopped by this
 * class rather than by the test harness it was packaged for, so that it is as safe as a
 * real server:
 * <ul>
 * <li>the {@code postgres} superuser has a random password made at first start (SCRAM),
 * kept in a file only this OS user can read; {@code pg_hba.conf} allows nothing but SCRAM
 * over loopback, and the server has no Unix socket;</li>
 * <li>it runs with {@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 * on; a setting that lowers durability is refused unless forced;</li>
 * <li>its binaries are extracted to a directory of this OS user's own, checked before
 * every use;</li>
 * <li>a lock file held while the application runs tells a second application on the same
 * data directory from a server orphaned by a killed one: the first is refused, the second
 * stopped and the start goes on.</li>
 * </ul>
 * Next to the data directory {@code D} (PostgreSQL's own) lives {@code D-server}:
 * {@code password}, {@code lock}, {@code postgres.log} and {@code binaries/}. A data
 * directory made by earlier versions (trust, no password) gets its password and its new
 * {@code pg_hba.conf} in place, through single-user mode, before the server listens.
 */
public final class EmbeddedPostgresServer implements Closeable {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	static final String SUPERUSER = "postgres";

	private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PrivateFiles.OWNER_ONLY_DIRECTORY;

	private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PrivateFiles.OWNER_ONLY_FILE;

	/**
	 * Settings every application server runs with, whatever else is configured (unless
	 * durability is forced).
	 */
	private static final Map<String, String> DURABLE = Map.of("fsync", "on", "synchronous_commit", "on",
			"full_page_writes", "on");

	static final String HBA = """
			# Written by Shinrai at every start of its embedded PostgreSQL: password (SCRAM) connections over loopback
			# only (the server has no Unix socket). Changes here are overwritten.
			local   all             all                                     scram-sha-256
			host    all             all             127.0.0.1/32            scram-sha-256
			host    all             all             ::1/128                 scram-sha-256
			host    replication     all             127.0.0.1/32            scram-sha-256
			host    replication     all             ::1/128                 scram-sha-256
			""";

	private final Path dataDirectory;

	private final Path serverDirectory;

	private final Path binaries;

	private final int port;

	private final String password;

	private final boolean temporary;

	private final FileChannel lockChannel;

	private final FileLock lock;

	private final Process process;

	private boolean closed;

	private EmbeddedPostgresServer(Path dataDirectory, Path serverDirectory, Path binaries, int port, String password,
			boolean temporary, FileChannel lockChannel, FileLock lock, Process process) {
		this.dataDirectory = dataDirectory;
		this.serverDirectory = serverDirectory;
		this.binaries = binaries;
		this.port = port;
		this.password = password;
		this.temporary = temporary;
		this.lockChannel = lockChannel;
		this.lock = lock;
		this.process = process;
	}

	/**
	 * How to start it.
	 *
	 * @param dataDirectory PostgreSQL's data directory; {@code null} for a throw-away
	 * one, deleted at close
	 * @param port the TCP port on loopback; 0 for a free one
	 * @param settings further server settings (names with dashes or underscores)
	 * @param forceUnsafeDurability accept settings that lower durability (tests)
	 * @param binariesDirectory where the binaries are extracted; {@code null} for
	 * {@code D-server/binaries}
	 * @param startupTimeout how long the server may take to accept connections (crash
	 * recovery included)
	 */
	public record Options(Path dataDirectory, int port, Map<String, String> settings, boolean forceUnsafeDurability,
			Path binariesDirectory, Duration startupTimeout) {

		public Options {
			settings = Map.copyOf(settings);
		}

		public static Options of(Path dataDirectory) {
			return new Options(dataDirectory, 0, Map.of(), false, null, Duration.ofMinutes(2));
		}

		public Options withSettings(Map<String, String> settings, boolean forceUnsafeDurability) {
			return new Options(dataDirectory, port, settings, forceUnsafeDurability, binariesDirectory, startupTimeout);
		}

		public Options withPort(int port) {
			return new Options(dataDirectory, port, settings, forceUnsafeDurability, binariesDirectory, startupTimeout);
		}

		public Options withBinariesDirectory(Path binariesDirectory) {
			return new Options(dataDirectory, port, settings, forceUnsafeDurability, binariesDirectory, startupTimeout);
		}

	}

	/**
	 * Thrown when the server cannot be started safely; the message says why and what to
	 * do.
	 */
	public static final class RefusedException extends IllegalStateException {

		RefusedException(String message) {
			super(message);
		}

	}

	public static EmbeddedPostgresServer start(Options options) throws IOException {
		Map<String, String> settings = serverSettings(options.settings(), options.forceUnsafeDurability());
		boolean temporary = options.dataDirectory() == null;
		Path data = temporary ? Files.createTempDirectory("shinrai-postgres-").resolve("postgres")
				: options.dataDirectory().toAbsolutePath().normalize();
		Path server = data.resolveSibling(data.getFileName() + "-server");
		PrivateFiles.createDirectory(server);
		FileChannel lockChannel = FileChannel.open(server.resolve("lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock = null;
		try {
			lock = tryLock(lockChannel);
			if (lock == null) {
				throw new RefusedException("Another running Shinrai uses the embedded database in " + data
						+ " (it holds " + server.resolve("lock")
						+ "). Stop it first, or give this one a data directory of its own "
						+ "(SHINRAI_EMBEDDED_DATABASE_DATA_DIRECTORY).");
			}
			Files.setPosixFilePermissions(server.resolve("lock"), OWNER_ONLY_FILE);
			Path binaries = binaries(options.binariesDirectory() != null
					? options.binariesDirectory().toAbsolutePath().normalize() : server.resolve("binaries"));
			Commands commands = new Commands(binaries, server.resolve("postgres.log"));
			stopOrphan(data, commands);
			String password = prepare(data, server, commands);
			int port = options.port() > 0 ? options.port() : freePort();
			Process process = commands.startPostgres(data, port, settings);
			EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(data, server, binaries, port, password,
					temporary, lockChannel, lock, process);
			try {
				postgres.awaitReady(options.startupTimeout());
				if (!options.forceUnsafeDurability()) {
					postgres.checkDurable();
				}
			}
			catch (IOException | RuntimeException ex) {
				postgres.close();
				throw ex;
			}
			log.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {} (password in {})", port, data,
					postgres.passwordFile());
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			if (lock != null && lock.isValid()) {
				lock.release();
			}
			lockChannel.close();
			throw ex;
		}
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
	}

	public String username() {
		return SUPERUSER;
	}

	public String password() {
		return password;
	}

	public int port() {
		return port;
	}

	public Path dataDirectory() {
		return dataDirectory;
	}

	public Path passwordFile() {
		return serverDirectory.resolve("password");
	}

	public Path binariesDirectory() {
		return binaries;
	}

	/** The process id of the postmaster. */
	public long pid() {
		return process.pid();
	}

	@Override
	public synchronized void close() throws IOException {
		if (closed) {
			return;
		}
		closed = true;
		try {
			if (process.isAlive()) {
				new Commands(binaries, serverDirectory.resolve("postgres.log")).stop(dataDirectory, "fast");
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			if (lock.isValid()) {
				lock.release();
			}
			lockChannel.close();
			if (temporary) {
				deleteTree(dataDirectory.getParent());
			}
		}
	}

	/**
	 * The settings the server is started with; refuses lowered durability unless forced.
	 */
	static Map<String, String> serverSettings(Map<String, String> configured, boolean forceUnsafeDurability) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("timezone", "UTC");
		settings.put("password_encryption", "scram-sha-256");
		configured.forEach((name, value) -> settings.put(name.replace('-', '_').toLowerCase(Locale.ROOT), value));
		List<String> unsafe = new ArrayList<>();
		DURABLE.forEach((name, value) -> {
			String given = settings.get(name);
			if (given != null && !durable(name, given)) {
				unsafe.add(name + "=" + given);
			}
		});
		if (!unsafe.isEmpty() && !forceUnsafeDurability) {
			throw new RefusedException("The embedded PostgreSQL does not run with " + String.join(", ", unsafe)
					+ ": committed data could be lost or the database corrupted by a crash or power cut. Remove the "
					+ "setting, or set shinrai.embedded-database.force-unsafe-durability=true (SHINRAI_EMBEDDED_DATABASE_FORCE_UNSAFE_DURABILITY) if losing data is acceptable.");
		}
		if (!forceUnsafeDurability) {
			settings.putAll(DURABLE);
		}
		for (String name : List.of("listen_addresses", "unix_socket_directories", "port", "hba_file",
				"data_directory")) {
			if (settings.remove(name) != null) {
				log.warn("Ignoring the embedded PostgreSQL setting {}: Shinrai sets it itself", name);
			}
		}
		settings.forEach((name, value) -> {
			if (!name.matches("[a-z][a-z0-9_.]*") || value.indexOf('\0') >= 0 || value.indexOf('\n') >= 0) {
				throw new RefusedException("Invalid embedded PostgreSQL setting " + name);
			}
		});
		return settings;
	}

	private static boolean durable(String name, String value) {
		String v = value.strip().toLowerCase(Locale.ROOT);
		if (name.equals("synchronous_commit")) {
			return Set.of("on", "true", "yes", "1", "local", "remote_write", "remote_apply").contains(v);
		}
		return Set.of("on", "true", "yes", "1").contains(v);
	}

	private void awaitReady(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("The embedded PostgreSQL stopped at start (exit code " + process.exitValue()
						+ "):\n" + tail(serverDirectory.resolve("postgres.log")));
			}
			try (Connection connection = DriverManager.getConnection(jdbcUrl(), SUPERUSER, password);
					Statement statement = connection.createStatement()) {
				statement.execute("select 1");
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				// the server gives no signal when it is ready; it is polled, as pg_ctl
				// does
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while the embedded PostgreSQL started", ex);
			}
		}
		throw new IOException("The embedded PostgreSQL did not accept connections within " + timeout + ":\n"
				+ tail(serverDirectory.resolve("postgres.log")), last);
	}

	private void checkDurable() throws IOException {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), SUPERUSER, password);
				Statement statement = connection.createStatement()) {
			for (String name : DURABLE.keySet()) {
				try (ResultSet rs = statement.executeQuery("show " + name)) {
					rs.next();
					if (!durable(name, rs.getString(1))) {
						throw new RefusedException("The embedded PostgreSQL runs with " + name + "=" + rs.getString(1));
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IOException("Could not read the embedded PostgreSQL's settings", ex);
		}
	}

	/**
	 * Stops a server left running on {@code data} by an application that died (the caller
	 * holds the lock, so no live application owns it), and removes a pid file of a server
	 * that is gone.
	 */
	private static void stopOrphan(Path data, Commands commands) throws IOException {
		Path pidFile = data.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		long pid;
		try {
			pid = Long.parseLong(lines.get(0).strip());
		}
		catch (RuntimeException ex) {
			log.warn("Removing the unreadable {}", pidFile);
			Files.deleteIfExists(pidFile);
			return;
		}
		Optional<ProcessHandle> orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
		if (orphan.isEmpty() || !servesDirectory(pid, data)) {
			log.info("Removing {} of a PostgreSQL (pid {}) that is no longer running", pidFile, pid);
			Files.deleteIfExists(pidFile);
			return;
		}
		log.warn("A PostgreSQL (pid {}) is still running on {} without its application (it was killed): stopping it",
				pid, data);
		if (!commands.stop(data, "fast")) {
			log.warn("PostgreSQL pid {} did not stop in time: stopping it immediately (it recovers at start)", pid);
			commands.stop(data, "immediate");
		}
		try {
			orphan.get().onExit().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new RefusedException("The PostgreSQL (pid " + pid + ") left running on " + data
					+ " could not be stopped; stop it by hand (kill " + pid + ") and start again.");
		}
	}

	/**
	 * On Linux, whether process {@code pid} is a postgres working in {@code data};
	 * elsewhere assumed.
	 */
	private static boolean servesDirectory(long pid, Path data) {
		Path proc = Path.of("/proc", Long.toString(pid));
		if (!Files.isDirectory(Path.of("/proc/self"))) {
			return true;
		}
		try {
			String command = Files.readString(proc.resolve("comm")).strip();
			Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
			return command.startsWith("postgres") && cwd.equals(data.toRealPath());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Makes sure {@code data} is a cluster the application can sign in to with the
	 * password of its password file, and that {@code pg_hba.conf} allows nothing else;
	 * returns the password.
	 */
	private static String prepare(Path data, Path server, Commands commands) throws IOException {
		Path passwordFile = server.resolve("password");
		if (!Files.exists(data.resolve("PG_VERSION"))) {
			if (Files.isDirectory(data)) {
				try (Stream<Path> entries = Files.list(data)) {
					if (entries.findAny().isPresent()) {
						throw new RefusedException(data + " exists but holds no PostgreSQL database: give the embedded "
								+ "database an empty or new directory.");
					}
				}
			}
			Files.createDirectories(data.getParent());
			String password = writePassword(passwordFile);
			commands.initdb(data, passwordFile);
			writeHba(data);
			return password;
		}
		PrivateFiles.check(data, "data directory");
		boolean upgrade = !Files.exists(passwordFile) || !Files.readString(data.resolve("pg_hba.conf")).equals(HBA);
		String password = Files.exists(passwordFile) ? readPassword(passwordFile) : writePassword(passwordFile);
		if (upgrade) {
			log.warn("Securing the embedded PostgreSQL in {}: setting the superuser's password and allowing only "
					+ "password connections", data);
			// single-user mode: the server does not listen while the password is set
			commands.singleUser(data, "alter role " + SUPERUSER + " with password '" + password + "';");
			writeHba(data);
		}
		return password;
	}

	private static String writePassword(Path file) throws IOException {
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		writePrivate(file, password + "\n");
		return password;
	}

	private static String readPassword(Path file) throws IOException {
		PrivateFiles.check(file, "password file");
		String password = Files.readString(file).strip();
		if (!password.matches("[A-Za-z0-9_-]{16,}")) {
			throw new RefusedException("The password file " + file + " is damaged; delete it and start again (a new "
					+ "password is set then).");
		}
		return password;
	}

	private static void writeHba(Path data) throws IOException {
		writePrivate(data.resolve("pg_hba.conf"), HBA);
	}

	/**
	 * Writes {@code content} to {@code file}, readable by this user only, replacing it
	 * atomically and durably.
	 */
	private static void writePrivate(Path file, String content) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(temporary);
		try (FileChannel channel = FileChannel.open(temporary,
				Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE))) {
			channel.write(StandardCharsets.UTF_8.encode(content));
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			// held by this very JVM
			return null;
		}
	}

	/**
	 * The PostgreSQL binaries of the packaged archive, extracted once to
	 * {@code parent/PG-<sha-256>} (through a temporary directory, so a half-extracted
	 * tree is never used) and checked at every start.
	 */
	private static Path binaries(Path parent) throws IOException {
		byte[] archive;
		try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
			if (in == null) {
				throw new IllegalStateException("No PostgreSQL binaries packaged for this system");
			}
			archive = in.readAllBytes();
		}
		String digest;
		try {
			digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive)).substring(0, 32);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		PrivateFiles.createDirectory(parent);
		Path target = parent.resolve("PG-" + digest);
		if (!Files.exists(target)) {
			Path staging = Files.createTempDirectory(parent, ".extract-");
			extract(archive, staging);
			try {
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | DirectoryNotEmptyException ex) {
				// another start extracted the same archive meanwhile
				deleteTree(staging);
			}
			catch (AtomicMoveNotSupportedException ex) {
				deleteTree(staging);
				throw ex;
			}
		}
		try (Stream<Path> tree = Files.walk(target)) {
			Path real = target.toRealPath();
			for (Path path : (Iterable<Path>) tree::iterator) {
				if (Files.isSymbolicLink(path)) {
					// the archive's library links; they must not lead out of the tree
					if (!path.toRealPath().startsWith(real)) {
						throw new RefusedException("The PostgreSQL binary " + path + " links out of " + target
								+ "; delete " + target + " and start again.");
					}
				}
				else {
					PrivateFiles.check(path, "PostgreSQL binary");
				}
			}
		}
		return target;
	}

	private static void extract(byte[] archive, Path target) throws IOException {
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZInputStream(new ByteArrayInputStream(archive)))) {
			TarArchiveEntry entry;
			while ((entry = tar.getNextEntry()) != null) {
				Path path = target.resolve(entry.getName()).normalize();
				if (!path.startsWith(target)) {
					throw new IOException("Bad entry in the PostgreSQL archive: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else if (entry.isLink()) {
					Files.createDirectories(path.getParent());
					Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
				}
				else if (entry.isFile()) {
					Files.createDirectories(path.getParent());
					boolean executable = (entry.getMode() & 0100) != 0
							|| entry.getName().replaceFirst("^\\./", "").startsWith("bin/");
					Files.copy(tar, path);
					Files.setPosixFilePermissions(path,
							PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
				}
			}
		}
		try (Stream<Path> tree = Files.walk(target)) {
			for (Path path : tree.filter(Files::isDirectory).toList()) {
				Files.setPosixFilePermissions(path, OWNER_ONLY_DIRECTORY);
			}
		}
	}

	private static String operatingSystem() {
		String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
		if (name.contains("linux")) {
			return "Linux";
		}
		if (name.contains("mac")) {
			return "Darwin";
		}
		throw new IllegalStateException("The embedded PostgreSQL runs on Linux and macOS only; configure "
				+ "SPRING_DATASOURCE_URL for " + System.getProperty("os.name"));
	}

	private static String architecture() {
		String arch = System.getProperty("os.arch");
		return "amd64".equals(arch) ? "x86_64" : arch;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log in " + log + ")";
		}
	}

	static void deleteTree(Path root) {
		if (root == null || !Files.exists(root)) {
			return;
		}
		try (Stream<Path> tree = Files.walk(root)) {
			for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			log.warn("Could not delete {}", root, ex);
		}
	}

	/**
	 * The PostgreSQL programs; as root they run in a user namespace of their own, since
	 * PostgreSQL refuses root.
	 */
	private record Commands(Path binaries, Path log) {

		private static final Path SETSID = Path.of("/usr/bin/setsid");

		void initdb(Path data, Path passwordFile) throws IOException {
			run(List.of(program("initdb"), "-D", data.toString(), "-U", SUPERUSER, "-E", "UTF8", "--locale=C.UTF-8",
					"--auth=scram-sha-256", "--pwfile=" + passwordFile), null);
		}

		void singleUser(Path data, String statement) throws IOException {
			run(List.of(program("postgres"), "--single", "-D", data.toString(), "-c",
					"password_encryption=scram-sha-256", "-c", "log_statement=none", "postgres"), statement + "\n");
		}

		/** {@code pg_ctl stop}; {@code false} if the server did not stop in time. */
		boolean stop(Path data, String mode) throws IOException {
			try {
				run(List.of(program("pg_ctl"), "stop", "-D", data.toString(), "-m", mode, "-w", "-t", "60"), null);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		Process startPostgres(Path data, int port, Map<String, String> settings) throws IOException {
			List<String> command = new ArrayList<>();
			if (Files.isExecutable(SETSID)) {
				// a session of its own: Ctrl-C in the application's terminal reaches the
				// application, which then stops
				// the server after its last connection is closed, rather than both at
				// once
				command.addAll(List.of(SETSID.toString(), "--wait"));
			}
			command.addAll(prefix());
			command.addAll(List.of(program("postgres"), "-D", data.toString(), "-p", Integer.toString(port), "-c",
					"listen_addresses=127.0.0.1,::1", "-c", "unix_socket_directories="));
			settings.forEach((name, value) -> {
				command.add("-c");
				command.add(name + "=" + value);
			});
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
			Process process = builder.start();
			Files.setPosixFilePermissions(log, OWNER_ONLY_FILE);
			return process;
		}

		private void run(List<String> arguments, String input) throws IOException {
			List<String> command = new ArrayList<>(prefix());
			command.addAll(arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			Process process = builder.start();
			Files.setPosixFilePermissions(log, OWNER_ONLY_FILE);
			if (input != null) {
				process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
			}
			process.getOutputStream().close();
			try {
				if (!process.waitFor(5, TimeUnit.MINUTES)) {
					process.destroyForcibly();
					throw new IOException(arguments.get(0) + " did not finish; see " + log);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while running " + arguments.get(0), ex);
			}
			if (process.exitValue() != 0) {
				throw new IOException(Path.of(arguments.get(0)).getFileName() + " failed (exit code "
						+ process.exitValue() + "):\n" + tail(log));
			}
		}

		private String program(String name) {
			return binaries.resolve("bin").resolve(name).toString();
		}

		private static List<String> prefix() {
			return LinuxUtils.isUnshareAvailable() ? List.of("unshare", "-U") : List.of();
		}

	}

}
