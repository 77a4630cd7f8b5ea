package io.shinrai.notification;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A new webhook endpoint on the admin page; the service checks every field
 * ({@link WebhookRefused}).
 */
class WebhookForm {

	private String url;

	private Set<String> events = new LinkedHashSet<>();

	private String secret;

	private WebhookFormat format = WebhookFormat.JSON;

	public String getUrl() {
		return url;
	}

	public void setUrl(String url) {
		this.url = url == null ? null : url.strip();
	}

	public Set<String> getEvents() {
		return events;
	}

	public void setEvents(Set<String> events) {
		this.events = events == null ? new LinkedHashSet<>() : new LinkedHashSet<>(events);
	}

	public String getSecret() {
		return secret;
	}

	public void setSecret(String secret) {
		this.secret = secret;
	}

	public WebhookFormat getFormat() {
		return format;
	}

	public void setFormat(WebhookFormat format) {
		this.format = format;
	}

}
