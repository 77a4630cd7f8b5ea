package io.shinrai.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One event as it is told to people and systems.
 *
 * @param eventKey identifies the event: it is handled once however often it is delivered
 * @param importId the CSV import it came from; its notices are summarised per import and
 * mailed when it ends
 * @param itemCount how many things it is about (entries, cases, customers), for the
 * import summary
 * @param data the webhook payload's {@code data}: strings, numbers, booleans, lists and
 * maps only
 * @param notices what users see in the app and by mail
 */
record Announcement(NotificationType type, String eventKey, Instant occurredAt, Long importId, int itemCount,
		Map<String, Object> data, List<Notice> notices) {

}
