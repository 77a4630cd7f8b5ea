package io.shinrai.demo;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Writes a demo data CSV from the command line (see README, "Demo data"):
 *
 * <pre>
 * ./mvnw -q compile exec:java -Dexec.mainClass=io.shinrai.demo.DemoDataCommand \
 *   -Dexec.args="--customers 100000 --entries 1000000 --seed 42 --out target/demo.csv"
 * </pre>
 *
 * Without {@code --end} the data ends at the start of today (UTC), so runs on the same
 * day give the same file.
 */
public final class DemoDataCommand {

	private DemoDataCommand() {
	}

	public static void main(String[] args) throws Exception {
		int customers = 300;
		long entries = 5_000;
		long seed = 42;
		Path out = Path.of("target", "demo.csv");
		Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS);
		ZoneId zone = ZoneId.of("Asia/Tokyo");
		try {
			for (int i = 0; i < args.length; i++) {
				String name = args[i];
				if ("--help".equals(name) || "-h".equals(name)) {
					usage(null);
					return;
				}
				if (i + 1 >= args.length) {
					usage("missing value for " + name);
					System.exit(2);
				}
				String value = args[++i];
				switch (name) {
					case "--customers" -> customers = Integer.parseInt(value);
					case "--entries" -> entries = Long.parseLong(value);
					case "--seed" -> seed = Long.parseLong(value);
					case "--out" -> out = Path.of(value);
					case "--end" -> end = value.length() == 10
							? java.time.LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
							: Instant.parse(value);
					case "--zone" -> zone = ZoneId.of(value);
					default -> {
						usage("unknown option " + name);
						System.exit(2);
					}
				}
			}
		}
		catch (NumberFormatException | java.time.DateTimeException ex) {
			usage(ex.getMessage());
			System.exit(2);
		}
		long started = System.nanoTime();
		DemoDataGenerator generator;
		try {
			generator = new DemoDataGenerator(seed, customers, entries, end, zone);
		}
		catch (IllegalArgumentException ex) {
			usage(ex.getMessage());
			System.exit(2);
			return;
		}
		generator.writeTo(out);
		System.out.printf("Wrote %,d entries of %,d customers (seed %d, ending %s) to %s in %.1f s%n", entries,
				customers, seed, end, out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
	}

	private static void usage(String problem) {
		if (problem != null) {
			System.err.println("Error: " + problem);
		}
		System.err.println(
				"""
						Usage: DemoDataCommand [--customers N] [--entries N] [--seed N] [--out FILE] [--end INSTANT|DATE] [--zone ZONE]
						  --customers  number of customers (default 300)
						  --entries    number of feedback entries (default 5000)
						  --seed       random seed; the same seed and options give the same file (default 42)
						  --out        CSV file to write (default target/demo.csv)
						  --end        when the two years of data end, e.g. 2026-06-30 or 2026-06-30T00:00:00Z
						               (default: the start of today, UTC)
						  --zone       time zone of seasons, weekends and office hours (default Asia/Tokyo)""");
	}

}
