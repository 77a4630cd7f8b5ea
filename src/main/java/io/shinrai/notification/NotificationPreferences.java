package io.shinrai.notification;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.shinrai.account.Role;
import io.shinrai.account.UserAccount;
import io.shinrai.account.UserAccounts;
import io.shinrai.notification.NotificationType.Choice;
import io.shinrai.system.DefaultLanguage;

/**
 * Which notifications each user gets, in the app and by mail: their own choice per type,
 * else the default of their role ({@link NotificationType#defaultFor}).
 */
@Service
@Transactional
public class NotificationPreferences {

	private final JdbcClient jdbc;

	private final UserAccounts accounts;

	private final Locale defaultLocale;

	NotificationPreferences(JdbcClient jdbc, UserAccounts accounts, DefaultLanguage defaultLanguage) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.defaultLocale = defaultLanguage.locale();
	}

	/** The user's choices for every type their role may choose, in type order. */
	@Transactional(readOnly = true)
	public Map<NotificationType, Choice> of(String username, Role role) {
		Map<String, Choice> chosen = new HashMap<>();
		jdbc.sql("select event_type, in_app, email from notification_preference where username = ?")
			.param(username)
			.query((rs, row) -> chosen.put(rs.getString("event_type"),
					new Choice(rs.getBoolean("in_app"), rs.getBoolean("email"))))
			.list();
		Map<NotificationType, Choice> choices = new EnumMap<>(NotificationType.class);
		for (NotificationType type : NotificationType.values()) {
			if (type.availableTo(role)) {
				choices.put(type, chosen.getOrDefault(type.eventName(), type.defaultFor(role)));
			}
		}
		return choices;
	}

	/**
	 * Stores the user's choices; types their role may not choose are ignored, the digest
	 * is never in-app.
	 */
	public void save(String username, Role role, Map<NotificationType, Choice> choices) {
		choices.forEach((type, choice) -> {
			if (type.availableTo(role)) {
				jdbc.sql(
						"""
								insert into notification_preference (username, event_type, in_app, email) values (?, ?, ?, ?)
								on conflict (username, event_type) do update set in_app = excluded.in_app, email = excluded.email
								""")
					.params(username, type.eventName(), choice.inApp() && type.hasInApp(), choice.email())
					.update();
			}
		});
	}

	/** The user's email address and choices as one edit (their profile page). */
	public void saveProfile(String username, String email, Map<NotificationType, Choice> choices) {
		UserAccount user = accounts.changeEmail(username, email, username);
		save(username, user.getRole(), choices);
	}

	/**
	 * The enabled users who get {@code type} in the app or by mail (by mail only with an
	 * address).
	 */
	@Transactional(readOnly = true)
	public List<Recipient> recipients(NotificationType type) {
		Map<String, Choice> chosen = new HashMap<>();
		jdbc.sql("select username, in_app, email from notification_preference where event_type = ?")
			.param(type.eventName())
			.query((rs, row) -> chosen.put(rs.getString("username"),
					new Choice(rs.getBoolean("in_app"), rs.getBoolean("email"))))
			.list();
		List<Recipient> recipients = new ArrayList<>();
		for (UserAccount user : accounts.list()) {
			if (!user.isEnabled() || !type.availableTo(user.getRole())) {
				continue;
			}
			Choice choice = chosen.getOrDefault(user.getUsername(), type.defaultFor(user.getRole()));
			boolean byMail = choice.email() && user.getEmail() != null;
			if (choice.inApp() || byMail) {
				recipients.add(new Recipient(user.getUsername(), user.getRole(), user.getEmail(), localeOf(user),
						choice.inApp() && type.hasInApp(), byMail));
			}
		}
		return recipients;
	}

	private Locale localeOf(UserAccount user) {
		return user.getLocale() == null ? defaultLocale : Locale.forLanguageTag(user.getLocale());
	}

	/** Someone to tell, how, and in which language. */
	public record Recipient(String username, Role role, String email, Locale locale, boolean inApp, boolean byMail) {
	}

}
