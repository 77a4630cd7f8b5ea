package io.shinrai.backup;

import java.io.File;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pg_dump --format=custom} of the application's database. The program is the one
 * configured, else the first whose major version is at least the server's (pg_dump
 * refuses newer servers) of: the embedded server's binaries, Debian's
 * {@code /usr/lib/postgresql/<major>/bin} (newest first) and the {@code PATH}. The
 * connection is passed in libpq's environment variables, so the password never shows in a
 * process list.
 */
final class PgDump {

	private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

	private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?]*)/([^?]*)(?:\\?(.*))?");

	private static final Pattern HOST_PORT = Pattern.compile("(\\[[^]]*]|[^:]*)(?::(\\d+))?");

	private static final Pattern SSL_MODE = Pattern.compile("(?:^|&)sslmode=([a-z-]+)");

	private final Optional<Path> configured;

	private final List<Path> candidates;

	PgDump(Optional<Path> configured, List<Path> binaryDirectories) {
		this.configured = configured;
		this.candidates = new ArrayList<>();
		binaryDirectories.forEach(directory -> candidates.add(directory.resolve("pg_dump")));
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				versions.filter(version -> version.getFileName().toString().matches("\\d+"))
					.sorted(Comparator
						.comparingInt((Path version) -> Integer.parseInt(version.getFileName().toString()))
						.reversed())
					.forEach(version -> candidates.add(version.resolve("bin/pg_dump")));
			}
			catch (IOException ex) {
				// not readable: the PATH is still searched
			}
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				if (!directory.isBlank()) {
					candidates.add(Path.of(directory, "pg_dump"));
				}
			}
		}
	}

	/**
	 * The program to run for a server of {@code serverMajor}; refused clearly when there
	 * is none or it is too old.
	 */
	Path program(int serverMajor) {
		if (configured.isPresent()) {
			Path program = configured.get();
			if (!Files.isExecutable(program)) {
				throw new BackupFailedException("backup.failed.pgDumpMissing", new Object[] { program.toString() },
						"The configured pg_dump " + program + " does not exist or is not executable");
			}
			int major = major(program);
			if (major < serverMajor) {
				throw tooOld(program, major, serverMajor);
			}
			return program;
		}
		Path tooOld = null;
		int tooOldMajor = 0;
		for (Path candidate : candidates) {
			if (!Files.isExecutable(candidate)) {
				continue;
			}
			int major = major(candidate);
			if (major >= serverMajor) {
				return candidate;
			}
			if (tooOld == null) {
				tooOld = candidate;
				tooOldMajor = major;
			}
		}
		if (tooOld != null) {
			throw tooOld(tooOld, tooOldMajor, serverMajor);
		}
		throw new BackupFailedException("backup.failed.pgDumpMissing", new Object[] { "pg_dump" },
				"No pg_dump found (looked in " + candidates + "); install the PostgreSQL client programs of version "
						+ serverMajor + " or newer, or set shinrai.backup.pg-dump");
	}

	/**
	 * Runs {@code program} to dump the database of {@code jdbcUrl} into {@code target}.
	 */
	void dump(Path program, String jdbcUrl, String username, String password, Path target, Duration timeout) {
		Matcher url = JDBC_URL.matcher(jdbcUrl);
		if (!url.matches()) {
			throw new BackupFailedException("backup.failed.pgDumpError", new Object[] { jdbcUrl },
					"Not a PostgreSQL JDBC URL: " + jdbcUrl);
		}
		List<String> hosts = new ArrayList<>();
		List<String> ports = new ArrayList<>();
		for (String address : url.group(1).split(",")) {
			Matcher hostPort = HOST_PORT.matcher(address);
			if (!hostPort.matches()) {
				throw new BackupFailedException("backup.failed.pgDumpError", new Object[] { jdbcUrl },
						"Cannot read the host and port of the JDBC URL " + jdbcUrl);
			}
			hosts.add(hostPort.group(1).isEmpty() ? "localhost" : hostPort.group(1).replaceAll("^\\[|\\]$", ""));
			ports.add(hostPort.group(2) == null ? "5432" : hostPort.group(2));
		}
		Matcher sslMode = SSL_MODE.matcher(url.group(3) == null ? "" : url.group(3));
		ProcessBuilder builder = new ProcessBuilder(program.toString(), "--format=custom", "--no-password",
				"--file=" + target);
		Map<String, String> environment = builder.environment();
		environment.put("PGHOST", String.join(",", hosts));
		environment.put("PGPORT", String.join(",", ports));
		environment.put("PGDATABASE", URLDecoder.decode(url.group(2), StandardCharsets.UTF_8));
		environment.put("PGUSER", username == null ? "" : username);
		environment.put("PGPASSWORD", password == null ? "" : password);
		environment.put("PGCONNECT_TIMEOUT", "10");
		if (sslMode.find()) {
			environment.put("PGSSLMODE", sslMode.group(1));
		}
		builder.redirectErrorStream(true);
		try {
			Process process = builder.start();
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readNBytes(64 * 1024);
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				process.destroyForcibly();
				throw new BackupFailedException("backup.failed.timeout", new Object[] { timeout.toMinutes() },
						"pg_dump did not finish within " + timeout);
			}
			if (process.exitValue() != 0) {
				String message = new String(output, StandardCharsets.UTF_8).strip();
				throw new BackupFailedException("backup.failed.pgDumpError", new Object[] { message },
						"pg_dump failed (exit code " + process.exitValue() + "): " + message);
			}
		}
		catch (IOException ex) {
			throw new BackupFailedException("backup.failed.pgDumpMissing", new Object[] { program.toString() },
					"Could not run " + program, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackupFailedException("backup.failed.timeout", new Object[] { timeout.toMinutes() },
					"Interrupted while pg_dump ran", ex);
		}
	}

	private static BackupFailedException tooOld(Path program, int major, int serverMajor) {
		return new BackupFailedException("backup.failed.pgDumpTooOld",
				new Object[] { program.toString(), major, serverMajor },
				program + " is pg_dump " + major + ", which cannot back up PostgreSQL " + serverMajor
						+ "; install the client programs of version " + serverMajor
						+ " or newer, or set shinrai.backup.pg-dump");
	}

	/** The major version {@code program --version} prints (0 if it prints none). */
	static int major(Path program) {
		try {
			Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return 0;
			}
			Matcher matcher = VERSION.matcher(output);
			return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
	}

}
