package io.shinrai.dashboard;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code shinrai.dashboard.*}: {@code minimum-responses} (env
 * {@code SHINRAI_DASHBOARD_MINIMUMRESPONSES}, default 30) is how many responses a number
 * of the dashboard needs before it is shown without the "few responses" mark. Checked at
 * start-up: a value outside 1 to 100 000 stops the start with Spring Boot's message
 * naming the setting.
 */
@Validated
@ConfigurationProperties("shinrai.dashboard")
record DashboardProperties(@DefaultValue("30") @Min(1) @Max(100_000) int minimumResponses) {
}
