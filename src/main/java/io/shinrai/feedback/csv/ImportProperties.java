package io.shinrai.feedback.csv;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.import.*} ({@code SHINRAI_IMPORT_BATCH_SIZE} and so on, see the README):
 * rows per transaction, imports at once and waiting, batches of one import stored at
 * once, the rejected rows kept and when too many stop an import, where uploads wait, and
 * when a silent import counts as dead ({@code check-interval} is how often that is
 * checked). Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.import")
record ImportProperties(@DefaultValue("2000") @Positive int batchSize, @DefaultValue("2") @Positive int threads,
		@DefaultValue("3") @Positive int writers, @DefaultValue("20") @PositiveOrZero int queue,
		@DefaultValue("10000") @PositiveOrZero long storedRejections,
		@DefaultValue("95") @PositiveOrZero @Max(100) int rejectedShareLimit,
		@DefaultValue("1000") @PositiveOrZero long rejectedShareAfter, Path directory,
		@DefaultValue("5m") @NotNull @DurationMin(seconds = 1) Duration silenceLimit,
		@DefaultValue("1m") @NotNull @DurationMin(seconds = 1) Duration checkInterval) {

	public ImportProperties {
		if (directory == null) {
			directory = Path.of(System.getProperty("java.io.tmpdir"),
					"shinrai-imports-" + System.getProperty("user.name"));
		}
	}

}
