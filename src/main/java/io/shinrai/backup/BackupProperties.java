package io.shinrai.backup;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where backups go, how they are taken and how many are kept ({@code shinrai.backup.*}).
 *
 * @param directory the backups' directory (created 0700; each file 0600)
 * @param cron when the scheduled backup runs, in the business time zone ({@code -}
 * switches it off in an instance)
 * @param method how the database is copied: {@code AUTO} takes a base backup of the
 * embedded database and a {@code pg_dump} of an external one
 * @param pgDump the {@code pg_dump} program; empty to look for one whose version fits the
 * server
 * @param keepDaily how many days keep their newest backup
 * @param keepWeekly how many weeks keep their newest backup
 * @param keepManual how many of the newest backups taken on demand are kept besides
 * @param timeout how long one backup may take
 */
@ConfigurationProperties("shinrai.backup")
@Validated
public record BackupProperties(@NotNull @DefaultValue("./data/backups") Path directory,
		@NotNull @DefaultValue("0 15 3 * * *") String cron, @NotNull @DefaultValue("AUTO") Method method, Path pgDump,
		@Min(0) @Max(366) @DefaultValue("7") int keepDaily, @Min(0) @Max(520) @DefaultValue("4") int keepWeekly,
		@Min(0) @Max(100) @DefaultValue("3") int keepManual, @NotNull @DefaultValue("PT2H") Duration timeout) {

	/** How the database is copied. */
	public enum Method {

		/** A base backup for the embedded database, a dump otherwise. */
		AUTO,
		/**
		 * PostgreSQL's online base backup of the data directory (a tar of it with its
		 * WAL), like pg_basebackup.
		 */
		BASE,
		/**
		 * {@code pg_dump --format=custom}: the database's objects and rows, restored with
		 * {@code pg_restore}.
		 */
		DUMP

	}

	/**
	 * How long a backup may exist at most: the daily and weekly rotation's horizon.
	 * Manual backups older than it are deleted too, so erased data is gone from every
	 * backup after it.
	 */
	public Duration horizon() {
		return Duration.ofDays(Math.max(keepDaily, keepWeekly * 7L));
	}

}
