package io.shinrai.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackupRotationTests {

	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	/** Wednesday 2 December 2026, 03:15 in Tokyo. */
	private static final Instant NOW = Instant.parse("2026-12-01T18:15:00Z");

	private static BackupProperties keeping(int daily, int weekly, int manual) {
		return new BackupProperties(Path.of("target/unused"), "-", BackupProperties.Method.BASE, null, daily, weekly,
				manual, Duration.ofHours(2));
	}

	private static Backup backup(Instant at, Backup.Kind kind) {
		return new Backup("shinrai-" + at.toEpochMilli() + "-" + kind, at, 1, "00", kind, Backup.Format.BASE);
	}

	/** One scheduled backup a day for that many days, newest first. */
	private static List<Backup> daily(int days) {
		List<Backup> backups = new ArrayList<>();
		for (int day = 0; day < days; day++) {
			backups.add(backup(NOW.minus(Duration.ofDays(day)), Backup.Kind.SCHEDULED));
		}
		return backups;
	}

	@Test
	void keepsSevenDaysAndTheNewestOfFourWeeks() {
		List<Backup> backups = daily(60);
		List<Backup> expired = Backups.expired(backups, keeping(7, 4, 3), TOKYO, NOW);
		List<Backup> kept = backups.stream().filter(backup -> !expired.contains(backup)).toList();
		// the last 7 days (Thursday 26 November to Wednesday 2 December) hold the newest
		// of this week and of last
		// week (Sunday 29 November); the two weeks before keep their Sundays, 22 and 15
		// November
		assertThat(kept).extracting(Backup::takenAt)
			.containsExactly(NOW, NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(2)),
					NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(4)), NOW.minus(Duration.ofDays(5)),
					NOW.minus(Duration.ofDays(6)), NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(17)));
	}

	@Test
	void keepsTheNewestOfADayOnly() {
		List<Backup> backups = List.of(backup(NOW, Backup.Kind.SCHEDULED),
				backup(NOW.minus(Duration.ofHours(1)), Backup.Kind.SCHEDULED));
		assertThat(Backups.expired(backups, keeping(7, 4, 0), TOKYO, NOW)).containsExactly(backups.get(1));
	}

	@Test
	void keepsTheNewestManualBackupsBesides() {
		List<Backup> backups = List.of(backup(NOW, Backup.Kind.SCHEDULED),
				backup(NOW.minus(Duration.ofHours(1)), Backup.Kind.MANUAL),
				backup(NOW.minus(Duration.ofHours(2)), Backup.Kind.MANUAL),
				backup(NOW.minus(Duration.ofHours(3)), Backup.Kind.MANUAL));
		assertThat(Backups.expired(backups, keeping(7, 4, 2), TOKYO, NOW)).containsExactly(backups.get(3));
	}

	@Test
	void keepsNothingBeyondTheHorizonEvenOnDemand() {
		Backup old = backup(NOW.minus(Duration.ofDays(29)), Backup.Kind.MANUAL);
		assertThat(keeping(7, 4, 3).horizon()).isEqualTo(Duration.ofDays(28));
		assertThat(Backups.expired(List.of(old), keeping(7, 4, 3), TOKYO, NOW)).containsExactly(old);
	}

}
