package io.shinrai.system;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code shinrai.business-time-zone} (env {@code SHINRAI_BUSINESS_TIME_ZONE}): where
 * local dates and times are reckoned (CSV dates, forms, the dashboard's weeks). Read
 * once, here; an unknown zone stops the start with Spring Boot's message naming the
 * setting and the value. Everyone else asks {@link BusinessTime#zone()}.
 */
@ConfigurationProperties("shinrai")
public record BusinessTimeProperties(@DefaultValue("Asia/Tokyo") ZoneId businessTimeZone) {
}
