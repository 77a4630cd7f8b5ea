/**
 * Notifications: the events worth acting on reach people (in-app notifications with the
 * bell, mails, the daily digest) and systems (signed webhooks). Events arrive through
 * Spring Modulith's event publication registry, so they commit with the fact they
 * describe and are retried until handled; mails and webhook calls are rows in outbox
 * tables, sent and retried by pollers. {@link io.shinrai.notification.Mailer} sends mails
 * for other modules too.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package io.shinrai.notification;
