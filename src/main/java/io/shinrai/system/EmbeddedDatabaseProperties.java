package io.shinrai.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.embedded-database.*} ({@code SHINRAI_EMBEDDED_DATABASE_DATA_DIRECTORY}
 * and so on, see the README): where the embedded PostgreSQL keeps its data and binaries,
 * its port on 127.0.0.1 ({@code 0}: a free one), whether settings lowering durability are
 * accepted, how long it may take to start, and further server {@code settings}. Checked
 * at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.embedded-database")
record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") Path dataDirectory,
		@DefaultValue("0") @PositiveOrZero @Max(65535) int port, @DefaultValue("false") boolean forceUnsafeDurability,
		Path binariesDirectory, @DefaultValue("2m") @NotNull @DurationMin(seconds = 1) Duration startupTimeout,
		@DefaultValue Map<String, String> settings) {
}
