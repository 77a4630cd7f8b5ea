package io.shinrai.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The zero-setup database: when no {@code spring.datasource.url} is configured (and nothing else, such as a
 * Testcontainers service connection, provides one), start an {@link EmbeddedPostgresServer} whose data lives under
 * {@code shinrai.embedded-database.data-directory} so rows survive restarts. It stops with the application context.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "__none__", matchIfMissing = true)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
public class EmbeddedDatabaseAutoConfiguration {

	private static final String SETTINGS_VARIABLE = "SHINRAI_EMBEDDED_DATABASE_SETTINGS_";

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgres(@Value("${shinrai.embedded-database.data-directory:./data/postgres}") String dataDirectory,
			@Value("${shinrai.embedded-database.port:0}") int port,
			@Value("${shinrai.embedded-database.force-unsafe-durability:false}") boolean forceUnsafeDurability,
			@Value("${shinrai.embedded-database.binaries-directory:}") String binariesDirectory, Environment environment)
			throws IOException {
		Binder binder = Binder.get(environment);
		// how long the server may take to accept connections, crash recovery included
		Duration startupTimeout = DurationStyle
			.detectAndParse(environment.getProperty("shinrai.embedded-database.startup-timeout", "2m"));
		// further server settings, e.g. shinrai.embedded-database.settings.logging-collector=on (PostgreSQL reads
		// dashes in setting names as underscores)
		Map<String, String> settings = new LinkedHashMap<>(Map.of("max_connections", "100",
				"shared_buffers", "256MB"));
		settings.putAll(binder.bind("shinrai.embedded-database.settings", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		// SHINRAI_EMBEDDED_DATABASE_SETTINGS_FSYNC=off as well (relaxed binding would want SHINRAI_EMBEDDEDDATABASE_...)
		if (environment instanceof ConfigurableEnvironment configurable) {
			configurable.getSystemEnvironment().forEach((name, value) -> {
				if (name.startsWith(SETTINGS_VARIABLE) && name.length() > SETTINGS_VARIABLE.length()) {
					settings.put(name.substring(SETTINGS_VARIABLE.length()).toLowerCase(Locale.ROOT), String.valueOf(value));
				}
			});
		}
		return EmbeddedPostgresServer.start(new EmbeddedPostgresServer.Options(
				dataDirectory.isBlank() ? null : Path.of(dataDirectory), port, settings, forceUnsafeDurability,
				binariesDirectory.isBlank() ? null : Path.of(binariesDirectory), startupTimeout));
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgresServer postgres) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return postgres.username();
			}

			@Override
			public String getPassword() {
				return postgres.password();
			}

			@Override
			public String getJdbcUrl() {
				return postgres.jdbcUrl();
			}

		};
	}

}
