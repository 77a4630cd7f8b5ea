package io.shinrai.notification;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The in-app notifications of each user: what the bell counts and the notifications page
 * lists.
 */
@Service
@Transactional
public class Notifications {

	private final JdbcClient jdbc;

	private final MessageSource messages;

	Notifications(JdbcClient jdbc, MessageSource messages) {
		this.jdbc = jdbc;
		this.messages = messages;
	}

	/**
	 * Adds a notice, or adds its count to the user's notice of the same group, which
	 * becomes unread again.
	 */
	void add(String username, Notice notice, Instant at) {
		jdbc.sql("""
				insert into notification (username, type, group_key, args, link, item_count, created_at)
				values (:username, :type, :group, :args, :link, :count, :at)
				on conflict (username, group_key) do update
				set item_count = notification.item_count + excluded.item_count, args = excluded.args,
				    created_at = excluded.created_at, read_at = null
				""")
			.param("username", username)
			.param("type", notice.variant())
			.param("group", notice.groupKey())
			.param("args", notice.args().toArray(String[]::new))
			.param("link", notice.link())
			.param("count", notice.count())
			.param("at", Timestamp.from(at))
			.update();
	}

	/**
	 * Unread notifications of the user (one count over a partial index: cheap enough for
	 * every page).
	 */
	@Transactional(readOnly = true)
	public long unread(String username) {
		return jdbc.sql("select count(*) from notification where username = ? and read_at is null")
			.param(username)
			.query(Long.class)
			.single();
	}

	/** The user's latest notifications, newest first, in {@code locale}. */
	@Transactional(readOnly = true)
	public List<NotificationView> latest(String username, int limit, Locale locale) {
		return jdbc.sql("""
				select id, type, args, link, item_count, created_at, read_at from notification
				where username = ? order by created_at desc, id desc limit ?
				""").params(username, limit).query((rs, row) -> {
			Notice notice = new Notice(rs.getString("type"), "", strings(rs.getArray("args")), rs.getString("link"),
					rs.getInt("item_count"));
			Timestamp read = rs.getTimestamp("read_at");
			return new NotificationView(rs.getLong("id"), text(notice, rs.getInt("item_count"), locale),
					rs.getString("link"), rs.getTimestamp("created_at").toInstant(), read == null);
		}).list();
	}

	/**
	 * Marks the user's notification read and returns the page it is about; empty when it
	 * is not theirs.
	 */
	public Optional<String> open(long id, String username) {
		return jdbc.sql(
				"update notification set read_at = coalesce(read_at, now()) where id = ? and username = ? returning link")
			.params(id, username)
			.query(String.class)
			.optional();
	}

	public void markAllRead(String username) {
		jdbc.sql("update notification set read_at = now() where username = ? and read_at is null")
			.param(username)
			.update();
	}

	String text(Notice notice, int total, Locale locale) {
		return messages.getMessage("notification." + notice.variant(), notice.messageArgs(total), locale);
	}

	private static List<String> strings(Array array) throws SQLException {
		return Arrays.asList((String[]) array.getArray());
	}

	/** One notification as listed. */
	public record NotificationView(long id, String text, String link, Instant createdAt, boolean unread) {
	}

}
