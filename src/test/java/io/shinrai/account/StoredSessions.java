package io.shinrai.account;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.servlet.http.Cookie;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The sessions Spring Session keeps in the database, as tests look at them. */
final class StoredSessions {

	/** The session cookie; its value is the session id in Base64. */
	static final String COOKIE = "SESSION";

	private StoredSessions() {
	}

	static String id(Cookie cookie) {
		return new String(Base64.getDecoder().decode(cookie.getValue()), StandardCharsets.UTF_8);
	}

	static boolean exists(JdbcClient jdbc, String sessionId) {
		return jdbc.sql("select count(*) from spring_session where session_id = ?")
			.param(sessionId)
			.query(Long.class)
			.single() == 1;
	}

	static Optional<String> principalOf(JdbcClient jdbc, String sessionId) {
		return jdbc.sql("select principal_name from spring_session where session_id = ?")
			.param(sessionId)
			.query(String.class)
			.optional();
	}

}
