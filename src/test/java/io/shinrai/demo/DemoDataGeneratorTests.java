package io.shinrai.demo;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shinrai.feedback.Category;
import io.shinrai.feedback.Channel;
import io.shinrai.feedback.IncidentType;
import io.shinrai.feedback.Negativity;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoDataGeneratorTests {

	private static final Instant END = Instant.parse("2026-06-30T00:00:00Z");

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private static final String[] SIGNALS = { "transparency", "consistency", "communication", "quality", "values" };

	/** A mid-sized set shared by the tests that look at its statistics. */
	private static List<CSVRecord> rows;

	@BeforeAll
	static void generate() throws IOException {
		rows = parse(csv(42, 1_000, 20_000));
	}

	private static String csv(long seed, int customers, long entries) throws IOException {
		StringWriter out = new StringWriter();
		new DemoDataGenerator(seed, customers, entries, END, TOKYO).writeTo(out);
		return out.toString();
	}

	private static List<CSVRecord> parse(String csv) throws IOException {
		try (CSVParser parser = CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			assertThat(parser.getHeaderNames()).containsExactlyElementsOf(DemoDataGenerator.HEADER);
			return parser.getRecords();
		}
	}

	private static boolean isNegative(CSVRecord row) {
		List<Integer> ratings = new ArrayList<>();
		for (String signal : SIGNALS) {
			if (!row.get(signal).isEmpty()) {
				ratings.add(Integer.valueOf(row.get(signal)));
			}
		}
		return Negativity.isNegative(ratings,
				row.get("incidents").isEmpty() ? 0 : row.get("incidents").split(";").length, integer(row.get("nps")),
				integer(row.get("csat")), integer(row.get("ces")));
	}

	private static Integer integer(String cell) {
		return cell.isEmpty() ? null : Integer.valueOf(cell);
	}

	private static Instant at(CSVRecord row) {
		return Instant.parse(row.get("received_at"));
	}

	@Test
	void theSameSeedGivesAByteIdenticalFile(@TempDir Path dir) throws IOException {
		Path first = dir.resolve("first.csv");
		Path second = dir.resolve("second.csv");
		new DemoDataGenerator(7, 200, 3_000, END, TOKYO).writeTo(first);
		new DemoDataGenerator(7, 200, 3_000, END, TOKYO).writeTo(second);
		assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
		assertThat(Files.size(first)).isGreaterThan(100_000);
	}

	@Test
	void differentSeedsGiveDifferentData() throws IOException {
		assertThat(csv(1, 200, 3_000)).isNotEqualTo(csv(2, 200, 3_000));
	}

	@Test
	void writesUtf8WithoutByteOrderMarkInTheImportFormat(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("demo.csv");
		new DemoDataGenerator(42, 10, 100, END, TOKYO).writeTo(file);
		byte[] bytes = Files.readAllBytes(file);
		assertThat(new String(bytes, 0, 12, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("external_id,");
		assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
			.startsWith(String.join(",", DemoDataGenerator.HEADER) + "\r\n");
	}

	@Test
	void writesExactlyTheRequestedEntriesWithUniqueIdsAndValidCells() {
		assertThat(rows).hasSize(20_000);
		Set<String> ids = new HashSet<>();
		for (CSVRecord row : rows) {
			assertThat(ids.add(row.get("external_id"))).isTrue();
			assertThat(row.get("external_id")).startsWith("DEMO-42-");
			assertThat(row.get("customer_ref")).matches("C-\\d{6}");
			assertThat(row.get("customer_name")).isNotBlank();
			assertThat(at(row)).isBefore(END).isAfterOrEqualTo(END.minus(Duration.ofDays(730)));
			Channel.valueOf(row.get("channel"));
			Category.valueOf(row.get("category"));
			for (String signal : SIGNALS) {
				if (!row.get(signal).isEmpty()) {
					assertThat(Integer.parseInt(row.get(signal))).isBetween(1, 5);
				}
			}
			if (!row.get("nps").isEmpty()) {
				assertThat(Integer.parseInt(row.get("nps"))).isBetween(0, 10);
			}
			if (!row.get("csat").isEmpty()) {
				assertThat(Integer.parseInt(row.get("csat"))).isBetween(1, 5);
			}
			if (!row.get("ces").isEmpty()) {
				assertThat(Integer.parseInt(row.get("ces"))).isBetween(1, 7);
			}
			if (!row.get("incidents").isEmpty()) {
				Arrays.stream(row.get("incidents").split(";")).forEach(IncidentType::valueOf);
			}
			boolean hasContent = Arrays
				.stream(new String[] { "transparency", "consistency", "communication", "quality", "values", "nps",
						"csat", "ces", "incidents" })
				.anyMatch(column -> !row.get(column).isEmpty());
			assertThat(hasContent).as(row.get("external_id")).isTrue();
			assertThat(row.get("comment").length()).isLessThanOrEqualTo(4000);
		}
	}

	@Test
	void givesAboutFivePercentOfEntriesAnIncident() {
		long withIncident = rows.stream().filter(row -> !row.get("incidents").isEmpty()).count();
		assertThat(withIncident / (double) rows.size()).isBetween(0.04, 0.06);
	}

	@Test
	void usesJapaneseAndEnglishForNamesAndComments() {
		assertThat(rows).anyMatch(row -> row.get("customer_name").startsWith("株式会社"));
		assertThat(rows)
			.anyMatch(row -> row.get("customer_name").matches("\\p{IsHan}+ \\p{IsHan}+|\\p{IsHan}+ \\p{IsHiragana}+"));
		assertThat(rows).anyMatch(row -> row.get("customer_name").matches("[A-Z][a-z]+ [A-Z][a-z]+"));
		long japaneseComments = rows.stream()
			.filter(row -> row.get("comment").matches(".*[\\p{IsHan}\\p{IsHiragana}].*"))
			.count();
		long englishComments = rows.stream().filter(row -> row.get("comment").matches("[A-Z][ -~]+")).count();
		assertThat(japaneseComments).isGreaterThan(rows.size() / 10);
		assertThat(englishComments).isGreaterThan(rows.size() / 10);
	}

	@Test
	void coversEveryChannelCategoryAndSegment() {
		assertThat(rows.stream().map(row -> Channel.valueOf(row.get("channel"))).distinct())
			.containsExactlyInAnyOrder(Channel.values());
		assertThat(rows.stream().map(row -> Category.valueOf(row.get("category"))).distinct())
			.containsExactlyInAnyOrder(Category.values());
		assertThat(rows.stream().map(row -> row.get("segment")).distinct()).containsExactlyInAnyOrder("Enterprise",
				"SMB", "Consumer", "Public sector");
		assertThat(rows.stream()
			.flatMap(row -> row.get("incidents").isEmpty() ? java.util.stream.Stream.empty()
					: Arrays.stream(row.get("incidents").split(";")))
			.distinct()).hasSize(IncidentType.values().length);
	}

	@Test
	void followsTheSeasonsWeekdaysAndOfficeHours() {
		Map<Month, Long> byMonth = new HashMap<>();
		long weekend = 0;
		long office = 0;
		for (CSVRecord row : rows) {
			var local = at(row).atZone(TOKYO);
			byMonth.merge(local.getMonth(), 1L, Long::sum);
			weekend += (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) ? 1 : 0;
			office += (local.getHour() >= 9 && local.getHour() < 18) ? 1 : 0;
		}
		assertThat(byMonth.get(Month.DECEMBER)).isGreaterThan(byMonth.get(Month.AUGUST) * 13 / 10);
		assertThat(byMonth.get(Month.MARCH)).isGreaterThan(byMonth.get(Month.FEBRUARY));
		assertThat(weekend / (double) rows.size()).isLessThan(2.0 / 7);
		assertThat(office / (double) rows.size()).isGreaterThan(0.5);
	}

	@Test
	void letsSomeCustomersSlideIntoRiskWithClustersOfRecentNegatives() {
		Map<String, List<CSVRecord>> byCustomer = byCustomer();
		long sliding = byCustomer.values()
			.stream()
			.filter(entries -> entries.stream()
				.filter(row -> isNegative(row) && !at(row).isBefore(END.minus(DemoDataGenerator.SLIDE)))
				.count() >= 2)
			.count();
		assertThat(sliding / (double) byCustomer.size()).isBetween(0.04, 0.2);
	}

	@Test
	void letsSomeCustomersRecoverAfterTrouble() {
		Instant troubleFrom = END.minus(DemoDataGenerator.RECOVERY_TROUBLE_FROM);
		Instant troubleTo = END.minus(DemoDataGenerator.RECOVERY_TROUBLE_TO);
		long recovering = byCustomer().values().stream().filter(entries -> {
			long trouble = entries.stream()
				.filter(row -> isNegative(row) && !at(row).isBefore(troubleFrom) && at(row).isBefore(troubleTo))
				.count();
			long goodSince = entries.stream()
				.filter(row -> !at(row).isBefore(troubleTo))
				.filter(row -> !isNegative(row))
				.count();
			long badSince = entries.stream()
				.filter(row -> !at(row).isBefore(troubleTo))
				.filter(DemoDataGeneratorTests::isNegative)
				.count();
			return trouble >= 2 && goodSince >= 2 && badSince == 0;
		}).count();
		assertThat(recovering).isGreaterThanOrEqualTo(20);
	}

	@Test
	void refusesSizesItCannotMake() {
		assertThatThrownBy(() -> new DemoDataGenerator(1, 0, 10, END, TOKYO))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DemoDataGenerator(1, 1, 1_000_000, END, TOKYO))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void widensReferencesForMoreThanAMillionCustomers() throws IOException {
		String csv = csv(3, 1_200_000, 2);
		assertThat(parse(csv)).extracting(row -> row.get("customer_ref")).allMatch(ref -> ref.matches("C-\\d{7}"));
	}

	private static Map<String, List<CSVRecord>> byCustomer() {
		Map<String, List<CSVRecord>> byCustomer = new HashMap<>();
		rows.forEach(row -> byCustomer.computeIfAbsent(row.get("customer_ref"), ref -> new ArrayList<>()).add(row));
		return byCustomer;
	}

}
