package io.shinrai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each table has one owning module (docs/architecture.md): only its code and its
 * repeatable migrations write it or put triggers on it. Other modules read it only where
 * the owner publishes it as a read model (listed here and in docs/architecture.md);
 * everything else goes through the owner's services or events. The scan reads the SQL in
 * {@code src/main/java} (comments left out) and in the repeatable migrations
 * {@code R__<module>*.sql}; the versioned migrations applied before the rule (V1–V24) are
 * history and stay as they are.
 */
@IntegrationTest
class TableOwnershipTests {

	/**
	 * Tables by owning module. A table named {@code <module>} or {@code <module>_…}
	 * belongs to it without being listed.
	 */
	static final Map<String, String> OWNERS = Map.ofEntries(Map.entry("app_user", "account"),
			Map.entry("app_user_segment", "account"), Map.entry("login_throttle", "account"),
			Map.entry("api_token", "account"), Map.entry("audit_event", "audit"), Map.entry("customer", "customer"),
			Map.entry("feedback", "feedback"), Map.entry("feedback_incident", "feedback"),
			Map.entry("feedback_submission", "feedback"), Map.entry("feedback_import", "feedback"),
			Map.entry("feedback_import_rejection", "feedback"), Map.entry("scoring_policy", "scoring"),
			Map.entry("scoring_basis", "scoring"), Map.entry("customer_trust_sums", "scoring"),
			Map.entry("trust_reference", "scoring"), Map.entry("trust_daily_sums", "scoring"),
			Map.entry("trust_daily_totals", "scoring"), Map.entry("trust_monthly_sums", "scoring"),
			Map.entry("scoring_contribution", "scoring"), Map.entry("recovery_case", "recovery"),
			Map.entry("recovery_case_entry", "recovery"), Map.entry("recovery_note", "recovery"),
			Map.entry("customer_status_state", "scoring"), Map.entry("trust_drop_alert", "scoring"),
			Map.entry("import_tally", "notification"), Map.entry("mail_outbox", "notification"),
			Map.entry("digest_run", "notification"), Map.entry("webhook_endpoint", "notification"),
			Map.entry("webhook_delivery", "notification"), Map.entry("webhook_attempt", "notification"),
			Map.entry("shedlock", "system"), Map.entry("flyway_schema_history", "system"),
			Map.entry("event_publication", "system"), Map.entry("spring_session", "account"),
			Map.entry("spring_session_attributes", "account"));

	/**
	 * The owners' published read models: which other modules may read a table. Scoring
	 * derives its sums from the feedback and customer rows in SQL (the speed of every
	 * page depends on it); feedback and recovery filter by the customer's segment and
	 * show its name; the insight analyses read entries through feedback's view
	 * feedback_record.
	 */
	static final Map<String, Set<String>> READ_MODELS = Map.of("customer",
			Set.of("feedback", "scoring", "recovery", "promise"), "feedback", Set.of("scoring"), "feedback_record",
			Set.of("insight"));

	private static final Pattern WRITE = Pattern.compile(
			"\\b(?:insert\\s+into|update|delete\\s+from|truncate|alter\\s+table|create\\s+table|create\\s+(?:or\\s+replace\\s+)?view|(?:before|after)\\s+(?:insert|update|delete)(?:\\s+of\\s+\\w+)?\\s+on)\\s+(?:only\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern READ = Pattern.compile("\\b(?:from|join)\\s+(\\w+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|--[^\\n]*", Pattern.DOTALL);

	@Autowired
	private JdbcClient jdbc;

	@Test
	void everyTableHasAnOwner() {
		List<String> tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list();
		assertThat(tables).isNotEmpty()
			.allSatisfy(table -> assertThat(owner(table)).as("owner of " + table).isNotNull());
	}

	@Test
	void noModuleWritesAnotherModulesTable() throws IOException {
		assertThat(violations(WRITE, false)).isEmpty();
	}

	@Test
	void noModuleReadsAnotherModulesTableUnlessPublished() throws IOException {
		assertThat(violations(READ, true)).isEmpty();
	}

	@Test
	void theScanSeesWritesAndReads() {
		List<String> found = new ArrayList<>();
		scan("dashboard", "x.java", "jdbc.sql(\"select * from recovery_case join customer c\") // from feedback", READ,
				true, found);
		scan("demo", "x.java", "\"insert into feedback (id) values (1)\"", WRITE, false, found);
		assertThat(found).containsExactly("dashboard x.java reads recovery_case", "dashboard x.java reads customer",
				"demo x.java writes feedback");
	}

	private static List<String> violations(Pattern pattern, boolean reads) throws IOException {
		List<String> found = new ArrayList<>();
		Path root = Path.of("src/main/java/io/shinrai");
		try (Stream<Path> files = Files.walk(root)) {
			files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
				Path relative = root.relativize(file);
				if (relative.getNameCount() > 1) {
					scan(relative.getName(0).toString(), relative.toString(), read(file), pattern, reads, found);
				}
			});
		}
		try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
			files.filter(file -> file.getFileName().toString().startsWith("R__")).forEach(file -> {
				String name = file.getFileName().toString();
				String module = name.substring(3).split("[_.]")[0];
				scan(module, name, read(file), pattern, reads, found);
			});
		}
		return found;
	}

	private static void scan(String module, String file, String text, Pattern pattern, boolean reads,
			List<String> found) {
		Matcher matcher = pattern.matcher(COMMENTS.matcher(text).replaceAll(" "));
		Set<String> tables = new TreeSet<>();
		while (matcher.find()) {
			String table = matcher.group(1).toLowerCase();
			String owner = owner(table);
			boolean allowed = owner == null || owner.equals(module)
					|| (reads && READ_MODELS.getOrDefault(table, Set.of()).contains(module));
			if (!allowed && tables.add(table)) {
				found.add(module + " " + file + (reads ? " reads " : " writes ") + table);
			}
		}
	}

	private static String owner(String table) {
		String listed = OWNERS.get(table);
		if (listed != null) {
			return listed;
		}
		int underscore = table.indexOf('_');
		return moduleNamed((underscore > 0) ? table.substring(0, underscore) : table);
	}

	private static String moduleNamed(String prefix) {
		return Files.isDirectory(Path.of("src/main/java/io/shinrai", prefix)) ? prefix : null;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
