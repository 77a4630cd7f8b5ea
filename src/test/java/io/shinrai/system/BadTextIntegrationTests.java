package io.shinrai.system;

import java.nio.charset.StandardCharsets;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A NUL or a broken character anywhere in a request is a 400 or a message at the field,
 * never a 500.
 */
@IntegrationTest
@AutoConfigureMockMvc
class BadTextIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Nested
	class Pages {

		@Test
		void refuseANulInAUrlParameterWith400() throws Exception {
			mvc.perform(get("/feedback").param("customer", "C-\u0000").with(staff()).locale(java.util.Locale.ENGLISH))
				.andExpect(status().isBadRequest());
			mvc.perform(get("/customers").param("q", "\u0000").with(staff())).andExpect(status().isBadRequest());
			mvc.perform(get("/").param("ch\u0000", "x").with(staff())).andExpect(status().isBadRequest());
		}

		@Test
		void refuseANulInTheSignInForm() throws Exception {
			mvc.perform(post("/login").param("username", "admin\u0000").param("password", "x").with(csrf()))
				.andExpect(status().isBadRequest());
		}

		@Test
		void showAFormAgainWithAMessageAtTheFieldAndEverythingTyped() throws Exception {
			String run = "BT" + System.nanoTime();
			mvc.perform(post("/customers").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.param("reference", run)
				.param("name", "Acme\u0000Corp")
				.param("segment", "SMB")
				.param("email", "a@example.com")
				.with(manager())
				.with(csrf())
				.locale(java.util.Locale.ENGLISH))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("customerForm", "name", "typeMismatch"))
				.andExpect(content().string(containsString("This contains a character that cannot be stored")))
				.andExpect(content().string(containsString("value=\"" + run + "\"")))
				.andExpect(content().string(containsString("value=\"a@example.com\"")));
		}

		@Test
		void refuseAnUploadWhoseFileNameHasANul() throws Exception {
			mvc.perform(multipart("/import")
				.file(new MockMultipartFile("file", "bad\u0000.csv", "text/csv",
						"a,b\r\n".getBytes(StandardCharsets.UTF_8)))
				.with(manager())
				.with(csrf())).andExpect(flash().attribute("failure", "import.upload.badFileName"));
		}

	}

	@Nested
	class Api {

		@Test
		void refusesANulInAUrlParameterWithAProblem() throws Exception {
			mvc.perform(get("/api/v1/feedback").param("customerRef", "\u0000")
				.with(httpBasic(TestUsers.STAFF, TestUsers.PASSWORD)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400));
		}

		@Test
		void refusesANulOrAnUnpairedSurrogateInAJsonBody() throws Exception {
			for (String comment : new String[] { "a\\u0000b", "\\ud800", "x\\udc00y", "\\ud83d\\u0041" }) {
				mvc.perform(post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
					.content(body(comment))
					.with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD)))
					.andExpect(status().isBadRequest())
					.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
					.andExpect(jsonPath("$.detail").value(containsString("cannot be stored")));
			}
		}

		@Test
		void acceptsAnEscapedBackslashAndAPairedSurrogate() throws Exception {
			mvc.perform(post("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
				.content(body("C:\\\\u0000 path \\ud83d\\ude00"))
				.with(httpBasic(TestUsers.MANAGER, TestUsers.PASSWORD)))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.comment").value("C:\\u0000 path 😀"));
		}

		private String body(String comment) {
			return """
					{"customerRef": "BT-%d", "customerName": "Bad Text", "receivedAt": "2026-05-01T10:00:00Z",
					 "channel": "EMAIL", "category": "OTHER", "ratings": {"quality": 3}, "comment": "%s"}
					""".formatted(System.nanoTime(), comment);
		}

	}

	private static RequestPostProcessor staff() {
		return user(TestUsers.STAFF).roles("STAFF");
	}

	private static RequestPostProcessor manager() {
		return user(TestUsers.MANAGER).roles("MANAGER");
	}

}
