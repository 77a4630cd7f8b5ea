package io.shinrai.account;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client address is the real socket's: wrong passwords sent from 127.0.0.1 do not
 * keep the same user out when it connects from 127.0.0.2.
 */
@IntegrationTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class LoginThrottleSocketIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private UserAccounts accounts;

	@Test
	void wrongPasswordsFromOneAddressDoNotKeepTheUserOutFromAnother() throws IOException {
		String username = "socket-" + System.nanoTime();
		accounts.create(username, "Socket Person", TestUsers.PASSWORD, Role.STAFF);
		for (int i = 0; i < 5; i++) {
			assertThat(get("127.0.0.1", username, "wrong")).startsWith("HTTP/1.1 401");
		}
		assertThat(get("127.0.0.1", username, "wrong")).startsWith("HTTP/1.1 429").contains("Retry-After: 2");
		assertThat(get("127.0.0.1", username, TestUsers.PASSWORD)).startsWith("HTTP/1.1 429");
		assertThat(get("127.0.0.2", username, TestUsers.PASSWORD)).startsWith("HTTP/1.1 200");
	}

	/**
	 * One request to the API over a socket bound to {@code from}; the answer's status
	 * line and headers.
	 */
	private String get(String from, String username, String password) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
			socket.setSoTimeout(10000);
			String credentials = Base64.getEncoder()
				.encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			out.write(("GET /api/v1/feedback?size=1 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			int end = answer.indexOf("\r\n\r\n");
			return end < 0 ? answer : answer.substring(0, end);
		}
	}

}
