package io.shinrai.notification;

import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
@AutoConfigureMockMvc
class WebhookApiIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private MockMvc mvc;

	@Test
	void anAdminRegistersListsAndDeletesAnEndpointWithAGeneratedSecret() throws Exception {
		String created = mvc.perform(post("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"url\": \"http://127.0.0.1:9/hook\", \"events\": [\"case.opened\", \"trust.dropped\"], \"format\": \"SLACK\"}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
		JsonNode endpoint = JSON.readTree(created);
		long id = endpoint.get("id").asLong();
		assertThat(endpoint.get("secret").asString()).startsWith("whsec_");
		assertThat(WebhookSignature.isValidSecret(endpoint.get("secret").asString())).isTrue();
		assertThat(endpoint.get("format").asString()).isEqualTo("SLACK");

		mvc.perform(get("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == " + id + ")].events[0]").value("case.opened"));
		mvc.perform(delete("/api/v1/webhooks/" + id).with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isNoContent());
		mvc.perform(delete("/api/v1/webhooks/" + id).with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD)))
			.andExpect(status().isNotFound());
	}

	@Test
	void badRequestsAreRefusedPerFieldAndStoreNothing() throws Exception {
		long before = count();
		mvc.perform(post("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.header("Accept-Language", "en")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"url\": \"ftp://127.0.0.1/\", \"events\": [\"case.opened\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.url")
				.value("Enter an absolute http or https URL without user name and password."));
		mvc.perform(post("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"url\": \"http://127.0.0.1:9/\", \"events\": [\"case.exploded\"]}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.events").exists());
		mvc.perform(post("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"url\": \"http://127.0.0.1:9/\", \"events\": [\"case.opened\"], \"secret\": \"whsec_short\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.secret").exists());
		mvc.perform(post("/api/v1/webhooks").with(httpBasic(TestUsers.ADMIN, TestUsers.PASSWORD))
			.contentType(MediaType.APPLICATION_JSON)
			.content("[1, 2")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.body").exists());
		assertThat(count()).isEqualTo(before);
	}

	@Autowired
	private WebhookEndpoints endpoints;

	private long count() {
		return endpoints.list().size();
	}

}
