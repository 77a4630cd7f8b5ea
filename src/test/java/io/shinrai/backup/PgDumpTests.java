package io.shinrai.backup;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dump of an external database, against a real PostgreSQL server of Debian's packages
 * (15, with its client programs) run here on loopback as the {@code postgres} OS user:
 * dumped through the JDBC URL's host, port and database, and restored with the README's
 * {@code pg_restore} command into an empty database.
 */
class PgDumpTests {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private static Path root;

	private static int port;

	@BeforeAll
	static void startServer() throws Exception {
		Assumptions.assumeTrue(
				Files.isExecutable(BIN.resolve("pg_ctl")) && Files.isExecutable(Path.of("/usr/sbin/runuser")),
				"Debian's PostgreSQL 15 server (package postgresql-15) is not installed");
		root = Files.createTempDirectory("shinrai-pgdump-");
		Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
		run("chown", "postgres", root.toString());
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		asPostgres(BIN.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", "postgres",
				"--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
		asPostgres(BIN.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-l",
				root.resolve("log").toString(), "-w", "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -k " + root,
				"start");
	}

	@AfterAll
	static void stopServer() throws Exception {
		if (root != null && Files.exists(root.resolve("data/postmaster.pid"))) {
			asPostgres(BIN.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "fast", "-w",
					"stop");
		}
		if (root != null) {
			run("rm", "-rf", root.toString());
		}
	}

	@Test
	void dumpsTheDatabaseOfTheUrlAndRestoresIntoAnEmptyOne() throws Exception {
		try (Connection connection = DriverManager.getConnection(url("postgres"), "postgres", "");
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (id int primary key, note text)");
			statement.execute("insert into kept select n, '信頼 ' || n from generate_series(1, 1000) n");
		}
		PgDump pgDump = new PgDump(Optional.empty(), List.of());
		Path program = pgDump.program(15);
		assertThat(PgDump.major(program)).isGreaterThanOrEqualTo(15);
		Path file = root.resolve("backup.dump");
		pgDump.dump(program, url("postgres") + "?sslmode=disable", "postgres", "", file, Duration.ofMinutes(2));
		assertThat(Files.size(file)).isPositive();

		asPostgres(BIN.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
				"postgres", "restored");
		run(BIN.resolve("pg_restore").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
				"--no-owner", "--exit-on-error", "-d", "restored", file.toString());
		try (Connection connection = DriverManager.getConnection(url("restored"), "postgres", "");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("select count(*) from kept where note like '信頼 %'")) {
			rs.next();
			assertThat(rs.getInt(1)).isEqualTo(1000);
		}
	}

	@Test
	void refusesAServerNewerThanItsPgDump() {
		PgDump pgDump = new PgDump(Optional.of(BIN.resolve("pg_dump")), List.of());
		assertThatThrownBy(() -> pgDump.program(99)).isInstanceOfSatisfying(BackupFailedException.class,
				ex -> assertThat(ex.messageKey()).isEqualTo("backup.failed.pgDumpTooOld"));
	}

	@Test
	void reportsPgDumpsOwnErrorForAnUnreachableDatabase() throws IOException {
		PgDump pgDump = new PgDump(Optional.empty(), List.of());
		Path file = root.resolve("never.dump");
		assertThatThrownBy(() -> pgDump.dump(BIN.resolve("pg_dump"), url("no_such_database"), "postgres", "", file,
				Duration.ofMinutes(1)))
			.isInstanceOfSatisfying(BackupFailedException.class, ex -> {
				assertThat(ex.messageKey()).isEqualTo("backup.failed.pgDumpError");
				assertThat(ex.arguments()[0].toString()).contains("no_such_database");
			});
	}

	private static String url(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	private static void asPostgres(String... command) throws Exception {
		List<String> all = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
		all.addAll(List.of(command));
		run(all.toArray(String[]::new));
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
	}

}
