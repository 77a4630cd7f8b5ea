package io.shinrai.system;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * The zero-setup database: when no {@code spring.datasource.url} is configured (and
 * nothing else, such as a Testcontainers service connection, provides one), start an
 * {@link EmbeddedPostgresServer} whose data lives under
 * {@code shinrai.embedded-database.data-directory} so rows survive restarts. It stops
 * with the application context.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "__none__", matchIfMissing = true)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedDatabaseAutoConfiguration {

	private static final String SETTINGS_VARIABLE = "SHINRAI_EMBEDDED_DATABASE_SETTINGS_";

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgres(EmbeddedDatabaseProperties properties, Environment environment)
			throws IOException {
		// further server settings, e.g.
		// shinrai.embedded-database.settings.logging-collector=on (PostgreSQL reads
		// dashes in setting names as underscores)
		Map<String, String> settings = new LinkedHashMap<>(Map.of("max_connections", "100", "shared_buffers", "256MB"));
		settings.putAll(properties.settings());
		// SHINRAI_EMBEDDED_DATABASE_SETTINGS_FSYNC=off as well (relaxed binding would
		// want SHINRAI_EMBEDDEDDATABASE_...)
		if (environment instanceof ConfigurableEnvironment configurable) {
			configurable.getSystemEnvironment().forEach((name, value) -> {
				if (name.startsWith(SETTINGS_VARIABLE) && name.length() > SETTINGS_VARIABLE.length()) {
					settings.put(name.substring(SETTINGS_VARIABLE.length()).toLowerCase(Locale.ROOT),
							String.valueOf(value));
				}
			});
		}
		// the startup timeout covers crash recovery too
		return EmbeddedPostgresServer
			.start(new EmbeddedPostgresServer.Options(properties.dataDirectory(), properties.port(), settings,
					properties.forceUnsafeDurability(), properties.binariesDirectory(), properties.startupTimeout()));
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
