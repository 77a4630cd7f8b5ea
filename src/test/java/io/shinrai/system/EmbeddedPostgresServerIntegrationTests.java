package io.shinrai.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's embedded PostgreSQL, started as the application starts it
 * ({@link EmbeddedPostgresServer}, also through
 * {@link EmbeddedDatabaseAutoConfiguration}), each test on a data directory of its own.
 * The binaries are extracted once for all of them under {@code target/}.
 */
class EmbeddedPostgresServerIntegrationTests {

	private static final Path BINARIES = Path.of("target", "embedded-postgres-test-binaries").toAbsolutePath();

	@TempDir
	Path area;

	private final List<AutoCloseable> started = new ArrayList<>();

	@AfterEach
	void stopEverything() throws Exception {
		for (int i = started.size() - 1; i >= 0; i--) {
			started.get(i).close();
		}
	}

	@Test
	void acceptsOnlyThePasswordKeptInAFileOfItsOwner() throws Exception {
		EmbeddedPostgresServer server = start(data());
		assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", ""))
			.isInstanceOf(SQLException.class);
		assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres"))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), "postgres", "wrong-password"))
			.isInstanceOf(SQLException.class)
			.hasMessageContaining("password authentication failed");
		String password = Files.readString(server.passwordFile()).strip();
		assertThat(password).hasSizeGreaterThanOrEqualTo(32).isEqualTo(server.password());
		assertThat(query(server, "select 1")).isEqualTo("1");
		assertThat(query(server, "select passwd from pg_shadow where usename = 'postgres'"))
			.startsWith("SCRAM-SHA-256$");

		assertThat(mode(server.passwordFile())).isEqualTo("rw-------");
		assertThat(mode(server.passwordFile().getParent())).isEqualTo("rwx------");
		assertThat(mode(server.dataDirectory())).isEqualTo("rwx------");
	}

	@Test
	void allowsNoTrustAndNoUnixSocket() throws Exception {
		EmbeddedPostgresServer server = start(data());
		String hba = Files.readString(server.dataDirectory().resolve("pg_hba.conf"));
		assertThat(hba).doesNotContainPattern("(?m)^[^#]*\\btrust\\b").contains("scram-sha-256");
		assertThat(hba.lines().filter(line -> !line.isBlank() && !line.startsWith("#")))
			.allSatisfy(line -> assertThat(line).endsWith("scram-sha-256"));
		assertThat(query(server, "show unix_socket_directories")).isEmpty();
		assertThat(query(server, "show listen_addresses")).isEqualTo("127.0.0.1,::1");
	}

	@Test
	void keepsItsPasswordFromOtherUsers() throws Exception {
		assumeThat(System.getProperty("user.name")).as("needs root to act as another user").isEqualTo("root");
		assumeThat(Path.of("/usr/sbin/runuser")).exists();
		EmbeddedPostgresServer server = start(data());
		Process cat = new ProcessBuilder("runuser", "-u", "nobody", "--", "cat", server.passwordFile().toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(cat.waitFor()).isNotZero();
		assertThat(output).contains("Permission denied").doesNotContain(server.password());
	}

	@Test
	void runsWithDurableSettings() throws Exception {
		EmbeddedPostgresServer server = start(data());
		assertThat(query(server, "show fsync")).isEqualTo("on");
		assertThat(query(server, "show synchronous_commit")).isEqualTo("on");
		assertThat(query(server, "show full_page_writes")).isEqualTo("on");
	}

	@Test
	void keepsItsBinariesInADirectoryOnlyItsOwnerWrites() throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(EmbeddedPostgresServer.Options.of(data()));
		started.add(server);
		Path binaries = server.binariesDirectory();
		assertThat(binaries).startsWith(data().resolveSibling("postgres-server")).isNotEqualTo(BINARIES);
		assertThat(binaries.toString()).doesNotContain("embedded-pg");
		assertThat(mode(binaries)).isEqualTo("rwx------");
		assertThat(mode(binaries.resolve("bin/postgres"))).isEqualTo("rwx------");
		assertThat(ProcessHandle.of(server.pid()).flatMap(process -> process.info().command()))
			.hasValueSatisfying(command -> assertThat(command).startsWith(binaries.toString()));
	}

	@Test
	void refusesBinariesOthersMayWrite() throws Exception {
		Path binaries = area.resolve("shared-binaries");
		Files.createDirectories(binaries);
		Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx"));
		assertThatThrownBy(() -> EmbeddedPostgresServer
			.start(EmbeddedPostgresServer.Options.of(data()).withBinariesDirectory(binaries)))
			.isInstanceOf(PrivateFiles.UnsafePathException.class)
			.hasMessageContaining(binaries.toString())
			.hasMessageContaining("may be written by other users");
	}

	@Nested
	class Durability {

		@Test
		void refusesSettingsThatLowerItUnlessForced() {
			for (Map<String, String> setting : List.of(Map.of("fsync", "off"), Map.of("synchronous-commit", "off"),
					Map.of("full_page_writes", "false"))) {
				assertThatThrownBy(() -> EmbeddedPostgresServer.serverSettings(setting, false))
					.isInstanceOf(EmbeddedPostgresServer.RefusedException.class)
					.hasMessageContaining("shinrai.embedded-database.force-unsafe-durability=true");
			}
			assertThat(EmbeddedPostgresServer.serverSettings(Map.of("fsync", "off"), true)).containsEntry("fsync",
					"off");
			assertThat(EmbeddedPostgresServer.serverSettings(Map.of("synchronous_commit", "local"), false))
				.containsEntry("fsync", "on");
		}

		@Test
		void refusesFsyncOffAtApplicationStartWithAClearMessage() {
			applicationContext().withPropertyValues("shinrai.embedded-database.settings.fsync=off").run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("does not run with fsync=off")
					.hasMessageContaining("force-unsafe-durability");
			});
			assertThat(data()).doesNotExist();
		}

		@Test
		void runsWithFsyncOffWhenForced() {
			applicationContext()
				.withPropertyValues("shinrai.embedded-database.settings.fsync=off",
						"shinrai.embedded-database.force-unsafe-durability=true")
				.run(context -> {
					assertThat(context).hasNotFailed();
					EmbeddedPostgresServer server = context.getBean(EmbeddedPostgresServer.class);
					assertThat(query(server, "show fsync")).isEqualTo("off");
				});
		}

	}

	@Test
	void givesTheApplicationTheGeneratedPassword() {
		applicationContext().run(context -> {
			assertThat(context).hasNotFailed();
			JdbcConnectionDetails details = context.getBean(JdbcConnectionDetails.class);
			EmbeddedPostgresServer server = context.getBean(EmbeddedPostgresServer.class);
			assertThat(details.getPassword()).isEqualTo(Files.readString(server.passwordFile()).strip());
			try (Connection connection = DriverManager.getConnection(details.getJdbcUrl(), details.getUsername(),
					details.getPassword())) {
				assertThat(connection.isValid(1)).isTrue();
			}
		});
	}

	@Test
	void upgradesADataDirectoryOfTheEarlierTrustSetupKeepingItsRows() throws Exception {
		Path data = data();
		Files.createDirectories(data);
		// how earlier versions started it: the test harness's defaults, trust for
		// everyone
		try (EmbeddedPostgres old = EmbeddedPostgres.builder()
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.start();
				Connection connection = old.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create table kept (id int primary key, note text)");
			statement.execute("insert into kept select n, 'row ' || n from generate_series(1, 1000) n");
		}
		assertThat(Files.readString(data.resolve("pg_hba.conf"))).containsPattern("(?m)^host.*trust");

		EmbeddedPostgresServer server = start(data);
		assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
		assertThat(query(server, "select count(*) || ' ' || max(note) from kept")).isEqualTo("1000 row 999");
		assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl() + "?user=postgres"))
			.isInstanceOf(SQLException.class);
		assertThat(mode(server.passwordFile())).isEqualTo("rw-------");
		server.close();

		// and the next start reuses the password
		EmbeddedPostgresServer again = start(data);
		assertThat(again.password()).isEqualTo(server.password());
		assertThat(query(again, "select count(*) from kept")).isEqualTo("1000");
	}

	@Nested
	class AnotherApplication {

		@Test
		void isRefusedWhileTheFirstRuns() throws Exception {
			Child first = child(data());
			assertThatThrownBy(() -> start(data())).isInstanceOf(EmbeddedPostgresServer.RefusedException.class)
				.hasMessageContaining("Another running Shinrai uses the embedded database in " + data());
			assertThat(ProcessHandle.of(first.postmaster())).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
		}

		@Test
		void startsAfterTheFirstWasKilledStoppingTheServerItLeft() throws Exception {
			Child first = child(data());
			try (Connection connection = DriverManager.getConnection(
					"jdbc:postgresql://127.0.0.1:" + first.port() + "/postgres", "postgres",
					Files.readString(data().resolveSibling("postgres-server/password")).strip());
					Statement statement = connection.createStatement()) {
				statement.execute("create table committed (id int)");
				statement.execute("insert into committed select generate_series(1, 500)");
			}
			first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			Optional<ProcessHandle> orphan = ProcessHandle.of(first.postmaster());
			assertThat(orphan).as("the postmaster outlives its killed JVM")
				.hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

			EmbeddedPostgresServer next = start(data());
			assertThat(next.pid()).isNotEqualTo(first.postmaster());
			await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.get().isAlive());
			assertThat(query(next, "select count(*) from committed")).isEqualTo("500");
		}

	}

	private ApplicationContextRunner applicationContext() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EmbeddedDatabaseAutoConfiguration.class))
			.withPropertyValues("shinrai.embedded-database.data-directory=" + data(),
					"shinrai.embedded-database.binaries-directory=" + BINARIES);
	}

	private Path data() {
		return area.resolve("data").resolve("postgres");
	}

	private EmbeddedPostgresServer start(Path data) throws IOException {
		EmbeddedPostgresServer server = EmbeddedPostgresServer
			.start(EmbeddedPostgresServer.Options.of(data).withBinariesDirectory(BINARIES));
		started.add(server);
		return server;
	}

	private record Child(Process process, long postmaster, int port) {
	}

	/**
	 * A JVM of its own running the embedded server on {@code data}, as an application
	 * would.
	 */
	private Child child(Path data) throws IOException {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), EmbeddedPostgresProcess.class.getName(), data.toString(),
				BINARIES.toString())
			.redirectErrorStream(true)
			.start();
		started.add(() -> {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		});
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		String line;
		while ((line = output.readLine()) != null) {
			seen.append(line).append('\n');
			if (line.startsWith("READY ")) {
				String[] parts = line.split(" ");
				Thread drain = new Thread(() -> {
					try {
						output.transferTo(java.io.Writer.nullWriter());
					}
					catch (IOException ex) {
						// the child was killed
					}
				});
				drain.setDaemon(true);
				drain.start();
				Child child = new Child(process, Long.parseLong(parts[1]), Integer.parseInt(parts[2]));
				// whatever happens to the test, no server is left running
				started.add(0, () -> {
					ProcessHandle.of(child.postmaster())
						.filter(p -> p.info().command().orElse("").endsWith("/postgres"))
						.ifPresent(ProcessHandle::destroy);
				});
				return child;
			}
		}
		throw new IllegalStateException("The child JVM ended without starting the server:\n" + seen);
	}

	private static String query(EmbeddedPostgresServer server, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(),
				server.password());
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
