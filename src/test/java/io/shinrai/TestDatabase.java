package io.shinrai;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The tests' PostgreSQL: a Testcontainers PostgreSQL 18 when Docker is available,
 * otherwise an embedded PostgreSQL 18. Either is started once per test JVM and shared by
 * every Spring test context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabase {

	@Bean
	@ServiceConnection
	@Conditional(DockerAvailable.class)
	PostgreSQLContainer postgresContainer() {
		return Container.INSTANCE;
	}

	@Bean
	@Conditional(DockerMissing.class)
	JdbcConnectionDetails embeddedPostgres() {
		String url = Embedded.INSTANCE.getJdbcUrl("postgres", "postgres");
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

	/** The JDBC URL of the shared database, for tests that talk to it directly. */
	public static String jdbcUrl() {
		return Docker.AVAILABLE ? Container.INSTANCE.getJdbcUrl()
				: Embedded.INSTANCE.getJdbcUrl("postgres", "postgres");
	}

	private static final class Docker {

		static final boolean AVAILABLE = check();

		private static boolean check() {
			try {
				return DockerClientFactory.instance().isDockerAvailable();
			}
			catch (RuntimeException ex) {
				return false;
			}
		}

	}

	private static final class Container {

		static final PostgreSQLContainer INSTANCE = start();

		private static PostgreSQLContainer start() {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:18");
			container.start();
			return container;
		}

	}

	private static final class Embedded {

		static final EmbeddedPostgres INSTANCE = start();

		private static EmbeddedPostgres start() {
			try {
				EmbeddedPostgres postgres = EmbeddedPostgres.builder()
					.setServerConfig("max_connections", "300")
					.setServerConfig("fsync", "off")
					.setServerConfig("synchronous_commit", "off")
					.setLocaleConfig("encoding", "UTF8")
					.setLocaleConfig("locale", "C.UTF-8")
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					try {
						postgres.close();
					}
					catch (IOException ex) {
						// the JVM is ending; nothing left to clean up for
					}
				}));
				return postgres;
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not start the embedded PostgreSQL for the tests", ex);
			}
		}

	}

	static class DockerAvailable implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return Docker.AVAILABLE;
		}

	}

	static class DockerMissing implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !Docker.AVAILABLE;
		}

	}

}
