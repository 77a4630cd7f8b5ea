package io.shinrai.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The zero-setup database: when no {@code spring.datasource.url} is configured (and nothing else, such as a
 * Testcontainers service connection, provides one), start an embedded PostgreSQL whose data lives under
 * {@code shinrai.embedded-database.data-directory} so rows survive restarts. It stops with the application context.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class,
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@ConditionalOnProperty(name = "spring.datasource.url", havingValue = "__none__", matchIfMissing = true)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
public class EmbeddedDatabaseAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(@Value("${shinrai.embedded-database.data-directory:./data/postgres}") String dataDirectory,
			@Value("${shinrai.embedded-database.port:0}") int port, Environment environment) throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			// the application stops it through the context; a second hook would race with that
			.setRegisterShutdownHook(false)
			.setServerConfig("max_connections", "100")
			.setServerConfig("shared_buffers", "256MB")
			.setLocaleConfig("encoding", "UTF8")
			.setLocaleConfig("locale", "C.UTF-8");
		// further server settings, e.g. shinrai.embedded-database.settings.logging-collector=on (PostgreSQL reads
		// dashes in setting names as underscores)
		Binder.get(environment)
			.bind("shinrai.embedded-database.settings", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of())
			.forEach(builder::setServerConfig);
		if (port > 0) {
			builder.setPort(port);
		}
		if (dataDirectory.isBlank()) {
			// throw-away database, as in tests
			builder.setCleanDataDirectory(true);
		}
		else {
			Path directory = Path.of(dataDirectory).toAbsolutePath().normalize();
			Files.createDirectories(directory);
			builder.setDataDirectory(directory).setCleanDataDirectory(false);
		}
		EmbeddedPostgres postgres = builder.start();
		log.info("Embedded PostgreSQL started on port {} with data in {}", postgres.getPort(),
				dataDirectory.isBlank() ? "a temporary directory" : Path.of(dataDirectory).toAbsolutePath().normalize());
		return postgres;
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres) {
		String url = postgres.getJdbcUrl("postgres", "postgres");
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

}
