package io.shinrai.notification;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.shinrai.account.Role;

/**
 * What a user can be told about, by its stable name (the webhook event type). Labels are
 * {@code NotificationType.NAME} in the message bundles.
 */
public enum NotificationType {

	FEEDBACK_LOGGED("feedback.logged"), FEEDBACK_NEGATIVE("feedback.negative"), CASE_OPENED("case.opened"),
	CASE_STATUS_CHANGED("case.status_changed"), CASE_OVERDUE("case.overdue"),
	CUSTOMER_STATUS_CHANGED("customer.status_changed"), TRUST_DROPPED("trust.dropped"),
	/**
	 * A webhook endpoint was disabled after repeated failures (admins only; never sent to
	 * webhooks).
	 */
	WEBHOOK_DISABLED("webhook.disabled"),
	/** A backup of the database failed (admins only; never sent to webhooks). */
	BACKUP_FAILED("backup.failed"),
	/** The daily digest mail (never in-app, never sent to webhooks). */
	DIGEST("digest");

	/** The events webhooks can subscribe to, in this order. */
	public static final List<NotificationType> WEBHOOK_EVENTS = List.of(FEEDBACK_LOGGED, FEEDBACK_NEGATIVE, CASE_OPENED,
			CASE_STATUS_CHANGED, CASE_OVERDUE, CUSTOMER_STATUS_CHANGED, TRUST_DROPPED);

	private final String eventName;

	NotificationType(String eventName) {
		this.eventName = eventName;
	}

	/** The stable name, e.g. {@code case.opened}. */
	public String eventName() {
		return eventName;
	}

	public static Optional<NotificationType> byEventName(String name) {
		return Arrays.stream(values()).filter(type -> type.eventName.equals(name)).findFirst();
	}

	/**
	 * Whether a user of this role may choose it (webhook and backup failures concern
	 * admins only).
	 */
	public boolean availableTo(Role role) {
		return (this != WEBHOOK_DISABLED && this != BACKUP_FAILED) || role == Role.ADMIN;
	}

	/** Whether it can be shown in the app (the digest is a mail only). */
	public boolean hasInApp() {
		return this != DIGEST;
	}

	/**
	 * What a user gets without having chosen: managers new and overdue cases and the
	 * digest, admins overdue cases, trust drops, disabled webhooks, failed backups and
	 * the digest; staff nothing.
	 */
	public Choice defaultFor(Role role) {
		boolean on = switch (role) {
			case MANAGER -> this == CASE_OPENED || this == CASE_OVERDUE || this == DIGEST;
			case ADMIN -> this == CASE_OVERDUE || this == TRUST_DROPPED || this == WEBHOOK_DISABLED
					|| this == BACKUP_FAILED || this == DIGEST;
			case STAFF -> false;
		};
		return new Choice(on && hasInApp(), on);
	}

	/** In the app, by mail. */
	public record Choice(boolean inApp, boolean email) {
	}

}
