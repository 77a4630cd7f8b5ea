package io.shinrai;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code shinrai.*} setting is a typed record checked at start-up: the shipped
 * configuration binds, a wrong value stops the start with Spring Boot's failure analysis
 * naming the setting, the value and the reason, and the environment variable names of the
 * README reach the records.
 */
class SettingsTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withInitializer(new ConfigDataApplicationContextInitializer())
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(AllSettings.class);

	@Test
	void theShippedConfigurationBindsEveryRecord() {
		context.run(started -> {
			assertThat(started).hasNotFailed();
			assertThat(started.getBeansWithAnnotation(ConfigurationProperties.class).keySet()).contains(
					"shinrai.login-io.shinrai.account.LoginThrottle$Settings",
					"shinrai.import-io.shinrai.feedback.csv.ImportProperties",
					"shinrai-io.shinrai.notification.NotificationProperties",
					"shinrai.insight-io.shinrai.insight.InsightProperties",
					"shinrai.embedded-database-io.shinrai.system.EmbeddedDatabaseProperties");
		});
	}

	@Test
	void aWrongCronStopsTheStartNamingTheSetting() {
		context.withPropertyValues("shinrai.recovery.overdue-check.cron=0 * * *").run(started -> {
			String description = analysis(started.getStartupFailure()).getDescription();
			assertThat(description).contains("Property: shinrai.recovery.overdueCheck.cron")
				.contains("Value: \"0 * * *\"")
				.contains("Reason: must be a Spring cron expression of six fields");
		});
	}

	@Test
	void anOffCronIsAccepted() {
		context.withPropertyValues("shinrai.recovery.overdue-check.cron=-")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Test
	void aShareAboveAHundredPercentStopsTheStartNamingTheSetting() {
		context.withPropertyValues("shinrai.import.rejected-share-limit=150").run(started -> {
			String description = analysis(started.getStartupFailure()).getDescription();
			assertThat(description).contains("Property: shinrai.import.rejectedShareLimit")
				.contains("Value: \"150\"")
				.contains("Reason: must be less than or equal to 100");
		});
	}

	@Test
	void anUnreadableDurationStopsTheStartNamingTheSetting() {
		context.withPropertyValues("shinrai.login.first-delay=soon").run(started -> {
			String description = analysis(started.getStartupFailure()).getDescription();
			assertThat(description).contains("shinrai.login.first-delay").contains("soon");
		});
	}

	@Test
	void aBaseUrlThatIsNoAddressStopsTheStart() {
		context.withPropertyValues("shinrai.base-url=shinrai.example.com").run(started -> {
			String description = analysis(started.getStartupFailure()).getDescription();
			assertThat(description).contains("Property: shinrai.baseUrl")
				.contains("Reason: must be an http or https address");
		});
	}

	@Test
	void theReadmesEnvironmentVariablesReachTheRecords() {
		// each wrong value is refused (nothing but the variable says -7x)
		for (String variable : List.of("SHINRAI_LOGIN_FREE_FAILURES", "SHINRAI_RECOVERY_OVERDUECHECK_CRON",
				"SHINRAI_EMBEDDED_DATABASE_PORT", "SHINRAI_IMPORT_REJECTED_SHARE_LIMIT",
				"SHINRAI_SCORING_TRUSTDROP_POINTS", "SHINRAI_BUSINESS_TIME_ZONE", "SHINRAI_WEBHOOKS_TIMEOUT",
				"SHINRAI_SURVEY_RATELIMIT_PERADDRESS", "SHINRAI_PROMISE_DUESOON")) {
			context
				.withInitializer(started -> started.getEnvironment()
					.getPropertySources()
					.addFirst(new SystemEnvironmentPropertySource(
							StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "-7x"))))
				.run(started -> assertThat(analysis(started.getStartupFailure()).getDescription()).as(variable)
					.contains("Value: \"-7x\""));
		}
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).as("the start failed").isNotNull();
		// the analyzers Spring Boot reports a failed start with (those that need no
		// application context)
		return SpringFactoriesLoader.forDefaultResourceLocation(SettingsTests.class.getClassLoader())
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver.none(),
					SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
					}))
			.stream()
			.map(analyzer -> analyzer.analyze(failure))
			.filter(analysis -> analysis != null)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no failure analysis for " + failure));
	}

	@Configuration(proxyBeanMethods = false)
	@ConfigurationPropertiesScan("io.shinrai")
	static class AllSettings {

	}

}
