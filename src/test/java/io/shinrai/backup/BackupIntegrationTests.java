package io.shinrai.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

import io.shinrai.IntegrationTest;
import io.shinrai.TestDatabase;
import io.shinrai.TestFeedback;
import io.shinrai.TestUsers;
import io.shinrai.audit.AuditLog;
import io.shinrai.feedback.Signal;
import io.shinrai.system.BusinessTime;
import io.shinrai.system.EmbeddedPostgresServer;
import io.shinrai.system.FileSizes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Backups of the real test database: taken, restored into a fresh data directory with the
 * commands the README gives (checksum, {@code tar -xzf}, start), and compared row by row;
 * refused clearly when the tools are missing.
 */
@IntegrationTest
@AutoConfigureMockMvc
class BackupIntegrationTests {

	private static final Path RESTORES = Path.of("target/test-restores");

	@Autowired
	private Backups backups;

	@Autowired
	private BackupProperties properties;

	@Autowired
	private TestFeedback feedback;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@AfterAll
	static void deleteRestores() throws IOException {
		if (Files.exists(RESTORES)) {
			try (var tree = Files.walk(RESTORES)) {
				tree.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	@Test
	void restoresEveryRowAndTheSameScoresIntoAnEmptyDataDirectory() throws Exception {
		String segment = TestFeedback.uniqueSegment();
		long customer = feedback.customer(segment, "Backup Customer");
		Instant now = Instant.now();
		for (int i = 0; i < 5; i++) {
			feedback.entry(customer, now.minus(Duration.ofDays(i))).rating(Signal.QUALITY, 1 + i).csat(1 + i).save();
		}
		awaitQuiet();
		Map<String, String> before = checksums(TestDatabase.jdbcUrl(), "postgres", "");
		assertThat(before).containsKeys("feedback", "customer", "customer_trust_sums", "scoring_contribution");

		Backup backup = backups.take(Backup.Kind.MANUAL, TestUsers.ADMIN);

		Path file = properties.directory().resolve(backup.name());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(properties.directory())))
			.isEqualTo("rwx------");
		assertThat(backup.sha256()).isEqualTo(sha256(file));
		assertThat(run(properties.directory(), "sha256sum", "-c", backup.name() + ".sha256")).contains(": OK");
		assertThat(backups.list()).first().isEqualTo(backup);
		assertThat(jdbc.sql("select count(*) from audit_event where type = 'BACKUP_CREATED' and subject = ?")
			.param(backup.name())
			.query(Integer.class)
			.single()).isEqualTo(1);

		// the data directory is gone: a new, empty one gets the backup
		Path data = RESTORES.resolve("postgres-" + System.nanoTime()).toAbsolutePath();
		Files.createDirectories(data.getParent());
		Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		run(data, "tar", "-xzf", file.toAbsolutePath().toString(), "-C", data.toString());
		try (EmbeddedPostgresServer restored = EmbeddedPostgresServer.start(EmbeddedPostgresServer.Options.of(data))) {
			Map<String, String> after = checksums(restored.jdbcUrl(), restored.username(), restored.password());
			assertThat(after).isEqualTo(before);
			try (Connection connection = DriverManager.getConnection(restored.jdbcUrl(), restored.username(),
					restored.password());
					Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("select count(*) from feedback f join customer c on c.id = "
							+ "f.customer_id where c.segment = '" + segment + "'")) {
				rs.next();
				assertThat(rs.getInt(1)).isEqualTo(5);
			}
		}
	}

	@Test
	void apiTakesAndListsBackupsForAdmins() throws Exception {
		String name = com.jayway.jsonpath.JsonPath
			.read(mvc.perform(post("/api/v1/backups").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.kind").value("MANUAL"))
				.andExpect(jsonPath("$.format").value("BASE"))
				.andExpect(jsonPath("$.sha256").value(org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}")))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.name");
		mvc.perform(get("/api/v1/backups").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].name").value(name))
			.andExpect(jsonPath("$[0].size").value(org.hamcrest.Matchers.greaterThan(0)))
			.andExpect(jsonPath("$[0].takenAt").isString());
		mvc.perform(get("/api/v1/backups").with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD)))
			.andExpect(status().isForbidden());
	}

	@Autowired
	private FileSizes fileSizes;

	@Test
	void adminPageListsBackupsAndTakesOneWithItsButton() throws Exception {
		mvc.perform(post("/admin/backups").with(csrf()).with(user(users.user(TestUsers.ADMIN))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("success", "backup.taken"));
		String name = backups.list().get(0).name();
		// the size as the one size formatter prints it ("38.2 MB"), not in raw megabytes
		String size = fileSizes.format(backups.list().get(0).size(), Locale.JAPANESE);
		assertThat(size).matches("[\\d.,]+ (KB|MB|GB)");
		mvc.perform(get("/admin/backups").with(user(users.user(TestUsers.ADMIN))).locale(Locale.JAPANESE))
			.andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString(name)))
			.andExpect(content().string(org.hamcrest.Matchers.containsString(">" + size + "</td>")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("今すぐバックアップ")));
	}

	/** Backups configured to fail, taken with the application's own collaborators. */
	@Nested
	class Failures {

		@Autowired
		private JdbcConnectionDetails database;

		@Autowired
		private ObjectProvider<EmbeddedPostgresServer> embedded;

		@Autowired
		private LockProvider locks;

		@Autowired
		private AuditLog audit;

		@Autowired
		private ApplicationEventPublisher events;

		@Autowired
		private PlatformTransactionManager transactions;

		@Autowired
		private Clock clock;

		@Autowired
		private BusinessTime businessTime;

		@Autowired
		private MessageSource messages;

		private Backups configured(BackupProperties.Method method, Path pgDump, Path directory) {
			return new Backups(new BackupProperties(directory, "-", method, pgDump, 7, 4, 3, Duration.ofMinutes(5)),
					jdbc, database, embedded, locks, audit, events, transactions, clock, businessTime);
		}

		@Test
		void missingPgDumpIsRefusedClearlyAuditedAndAnnouncedToAdmins() {
			Path missing = Path.of("/nonexistent/pg_dump");
			Backups failing = configured(BackupProperties.Method.DUMP, missing, properties.directory());
			int auditedBefore = failures();
			assertThatThrownBy(() -> failing.take(Backup.Kind.MANUAL, TestUsers.ADMIN))
				.isInstanceOfSatisfying(BackupFailedException.class, ex -> {
					assertThat(ex.messageKey()).isEqualTo("backup.failed.pgDumpMissing");
					assertThat(messages.getMessage(ex.messageKey(), ex.arguments(), Locale.ENGLISH))
						.contains("pg_dump (/nonexistent/pg_dump) was not found", "shinrai.backup.pg-dump");
					assertThat(messages.getMessage(ex.messageKey(), ex.arguments(), Locale.JAPANESE))
						.contains("/nonexistent/pg_dump", "見つかりません");
				});
			assertThat(failures()).isEqualTo(auditedBefore + 1);
			await().atMost(20, TimeUnit.SECONDS)
				.untilAsserted(() -> assertThat(jdbc.sql(
						"select count(*) from notification where username = ? and type = 'backup.failed.pgDumpMissing'")
					.param(TestUsers.ADMIN)
					.query(Integer.class)
					.single()).isPositive());
		}

		@Test
		void pgDumpOlderThanTheServerIsRefusedWithBothVersions() {
			Path debian = Path.of("/usr/lib/postgresql/15/bin/pg_dump");
			org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(debian), "Debian's pg_dump 15 is absent");
			Backups failing = configured(BackupProperties.Method.DUMP, debian, properties.directory());
			assertThatThrownBy(() -> failing.take(Backup.Kind.MANUAL, TestUsers.ADMIN))
				.isInstanceOfSatisfying(BackupFailedException.class, ex -> {
					assertThat(ex.messageKey()).isEqualTo("backup.failed.pgDumpTooOld");
					assertThat(messages.getMessage(ex.messageKey(), ex.arguments(), Locale.ENGLISH))
						.contains("is pg_dump 15, which cannot back up PostgreSQL 18");
				});
		}

		@Test
		void unwritableDirectoryIsRefusedWithItsPath() throws IOException {
			Path blocked = Files.createTempFile("not-a-directory", ".txt");
			Backups failing = configured(BackupProperties.Method.BASE, null, blocked.resolve("backups"));
			assertThatThrownBy(() -> failing.take(Backup.Kind.MANUAL, TestUsers.ADMIN)).isInstanceOfSatisfying(
					BackupFailedException.class, ex -> assertThat(ex.messageKey()).isEqualTo("backup.failed.disk"));
			Files.delete(blocked);
		}

		private int failures() {
			return jdbc.sql("select count(*) from audit_event where type = 'BACKUP_FAILED'")
				.query(Integer.class)
				.single();
		}

	}

	/**
	 * No event is still being handled (the registry deletes completed publications), so
	 * nothing writes meanwhile.
	 */
	private void awaitQuiet() {
		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> jdbc.sql("select count(*) from event_publication").query(Integer.class).single() == 0);
	}

	/**
	 * A digest of every table's rows (and of the scores the view computes from them), by
	 * table; the scheduler lock rows change with the backup itself and are left out.
	 */
	private static Map<String, String> checksums(String url, String username, String password) throws SQLException {
		Map<String, String> digests = new TreeMap<>();
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement()) {
			List<String> relations = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery("""
					select table_name from information_schema.tables
					where table_schema = 'public' and table_name <> 'shedlock' order by table_name
					""")) {
				while (rs.next()) {
					relations.add(rs.getString(1));
				}
			}
			for (String relation : relations) {
				try (ResultSet rs = statement
					.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(md5(t::text), "
							+ "'' order by md5(t::text))), '') from \"" + relation + "\" t")) {
					rs.next();
					digests.put(relation, rs.getString(1));
				}
			}
		}
		return digests;
	}

	private static String sha256(Path file) throws Exception {
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static String run(Path directory, String... command) throws Exception {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
		return output;
	}

}
