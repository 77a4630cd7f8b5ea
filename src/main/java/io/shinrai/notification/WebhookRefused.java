package io.shinrai.notification;

import java.util.List;

/**
 * A webhook endpoint cannot be stored or called as given; {@code key} is the message
 * saying why (with {@code args}), {@code field} the form field it concerns.
 */
public class WebhookRefused extends RuntimeException {

	private final String field;

	private final String key;

	private final List<Object> args;

	WebhookRefused(String field, String key, Object... args) {
		super(key + " " + List.of(args));
		this.field = field;
		this.key = key;
		this.args = List.of(args);
	}

	public String field() {
		return field;
	}

	public String key() {
		return key;
	}

	public Object[] args() {
		return args.toArray();
	}

}
