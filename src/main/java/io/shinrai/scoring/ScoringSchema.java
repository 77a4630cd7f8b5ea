package io.shinrai.scoring;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands the scoring rule's SQL ({@link ScoringSql#placeholders()}) to Flyway, so that the
 * view and functions of {@code R__scoring.sql} are generated from the same Java
 * definition as every query. A changed rule changes the migration's checksum, and Flyway
 * applies it again.
 */
@Configuration(proxyBeanMethods = false)
class ScoringSchema {

	@Bean
	FlywayConfigurationCustomizer scoringPlaceholders() {
		return configuration -> {
			Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
			placeholders.putAll(ScoringSql.placeholders());
			configuration.placeholders(placeholders);
		};
	}

}
