package io.shinrai.notification;

/**
 * The body of a webhook call. Labels are {@code WebhookFormat.NAME} in the message
 * bundles.
 */
public enum WebhookFormat {

	/** {@code {"type": "case.opened", "timestamp": "…", "data": {…}}} */
	JSON,
	/**
	 * {@code {"text": "…"}}, as Slack's (and compatible tools') incoming webhooks take it
	 */
	SLACK

}
