package io.shinrai.privacy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import io.shinrai.system.JobSchedule;

/**
 * {@code shinrai.privacy.*}: {@code retention.*}, when the job applying the retention
 * settings runs and how long its lock is held; {@code report-font}
 * ({@code SHINRAI_PRIVACY_REPORTFONT}), the TrueType font embedded in transparency
 * reports, empty for the places Debian installs IPA Gothic. Checked at start-up.
 */
@Validated
@ConfigurationProperties("shinrai.privacy")
record PrivacyProperties(@Valid @NotNull JobSchedule retention, @DefaultValue("") String reportFont) {
}
