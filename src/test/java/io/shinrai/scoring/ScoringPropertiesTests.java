package io.shinrai.scoring;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ScoringPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Enable.class)
		.withPropertyValues("shinrai.scoring.trust-watch.cron=-");

	@Test
	void defaultsToAFivePointDrop() {
		context.run(started -> assertThat(started.getBean(ScoringProperties.class).trustDrop().points()).isEqualTo(5));
	}

	@Test
	void aDropOfZeroPointsStopsTheStartNamingTheSetting() {
		context.withPropertyValues("shinrai.scoring.trust-drop.points=0")
			.run(started -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("shinrai.scoring")
				.hasMessageContaining("trustDrop.points"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ScoringProperties.class)
	static class Enable {

	}

}
