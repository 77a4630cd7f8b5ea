package io.shinrai.notification;

import io.shinrai.feedback.FeedbackLogged;

/**
 * Stored feedback that someone is to be told about ({@link FeedbackSubscriptions}): the
 * event the registry keeps and {@link NotificationListeners} handles after the commit.
 */
record FeedbackToAnnounce(FeedbackLogged logged) {
}
