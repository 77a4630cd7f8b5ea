package io.shinrai.system;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.datasource.replica-*} ({@code SHINRAI_DATASOURCE_REPLICA_URL} and so
 * on): the streaming replica the read-heavy pages read from, its credentials and pool
 * size (those of the primary when not set), and how long a browser that posted something
 * reads from the primary. Checked at start-up when a replica is configured.
 */
@Validated
@ConfigurationProperties("shinrai.datasource")
record ReplicaProperties(String replicaUrl, String replicaUsername, String replicaPassword,
		@Positive Integer replicaPoolSize, @DefaultValue("10s") @NotNull Duration replicaReadYourWrites) {
}
