package io.shinrai.notification;

import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.Role;
import io.shinrai.feedback.FeedbackLogged;

/**
 * Hands stored feedback to the event publication registry only when someone is to be told
 * about it: a user who chose new or negative feedback (in the app or by mail; no role
 * gets them by default) or an enabled webhook endpoint that subscribed. Decided in the
 * transaction that stores the feedback, with one read of the database, so every instance
 * sees the same preferences and endpoints. Most installations tell nobody about each
 * entry, and the registry would otherwise store, mark and delete a publication for each
 * one in three more transactions, each waiting for its WAL flush (docs/benchmarks.md).
 */
@Component
class FeedbackSubscriptions {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	FeedbackSubscriptions(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(FeedbackLogged event) {
		if (event.corrected() != null || event.entries().isEmpty()) {
			return;
		}
		boolean negative = event.entries().stream().anyMatch(FeedbackLogged.Entry::negative);
		List<NotificationType> types = negative
				? List.of(NotificationType.FEEDBACK_LOGGED, NotificationType.FEEDBACK_NEGATIVE)
				: List.of(NotificationType.FEEDBACK_LOGGED);
		if (anyoneWants(types)) {
			events.publishEvent(new FeedbackToAnnounce(event));
		}
	}

	/** Whether anyone may be told about events of these types. */
	boolean anyoneWants(List<NotificationType> types) {
		for (NotificationType type : types) {
			for (Role role : Role.values()) {
				NotificationType.Choice choice = type.defaultFor(role);
				if (choice.inApp() || choice.email()) {
					// users who chose nothing get it: they are not listed
					return true;
				}
			}
		}
		String[] names = types.stream().map(NotificationType::eventName).toArray(String[]::new);
		return jdbc.sql("""
				select exists (select 1 from notification_preference
				               where event_type = any(cast(:types as varchar[])) and (in_app or email))
				    or exists (select 1 from webhook_endpoint where enabled and events && cast(:types as text[]))
				""").param("types", names).query(Boolean.class).single();
	}

}
