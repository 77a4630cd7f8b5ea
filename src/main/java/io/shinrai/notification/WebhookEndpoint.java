package io.shinrai.notification;

import java.time.Instant;
import java.util.List;

/**
 * A receiver of webhook calls.
 *
 * @param events the stable names of the events it gets
 * ({@link NotificationType#eventName()})
 * @param secret {@code whsec_} followed by the base64 of the signing key
 * @param disabledAt when it was disabled (after repeated failure or by an admin);
 * {@code null} while enabled
 */
public record WebhookEndpoint(long id, String url, List<String> events, String secret, WebhookFormat format,
		boolean enabled, Instant disabledAt, Instant createdAt, String createdBy) {
}
