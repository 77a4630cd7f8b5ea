package io.shinrai.customer;

import java.util.Locale;
import java.util.UUID;

import io.shinrai.FullWidth;
import io.shinrai.HtmlIds;
import io.shinrai.IntegrationTest;
import io.shinrai.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@IntegrationTest
@AutoConfigureMockMvc
class CustomerControllerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TestUsers users;

	@Autowired
	private CustomerDirectory directory;

	private String ref;

	@BeforeEach
	void newReference() {
		ref = "T-" + UUID.randomUUID();
	}

	private MockHttpServletRequestBuilder create(String reference, String name) {
		return post("/customers").with(user(users.user(TestUsers.MANAGER)))
			.with(csrf())
			.locale(Locale.ENGLISH)
			.param("reference", reference)
			.param("name", name)
			.param("segment", "Retail")
			.param("email", "");
	}

	@Nested
	class Create {

		@Test
		void showsAnEmptyForm() throws Exception {
			mvc.perform(get("/customers/new").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andExpect(view().name(CustomerController.FORM_VIEW));
		}

		@Test
		void createsTheCustomerAndRedirectsToItsPage() throws Exception {
			var result = mvc.perform(create(ref, "Tanaka Trading"))
				.andExpect(status().is3xxRedirection())
				.andExpect(flash().attribute("success", "customer.created"))
				.andReturn();
			Customer customer = directory.findByReference(ref).orElseThrow();
			assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/customers/" + customer.getId());
			assertThat(customer.getName()).isEqualTo("Tanaka Trading");
			assertThat(customer.getSegment()).isEqualTo("Retail");
			assertThat(customer.getEmail()).isNull();
		}

		@Test
		void offersTheDefaultLanguageAndStoresTheChosenOne() throws Exception {
			String html = mvc
				.perform(get("/customers/new").with(user(users.user(TestUsers.MANAGER))).locale(Locale.JAPANESE))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("<option value=\"ja\" selected=\"selected\">日本語</option>");
			mvc.perform(create(ref, "Northwind").param("language", "en")).andExpect(status().is3xxRedirection());
			assertThat(directory.findByReference(ref).orElseThrow().getLanguage()).isEqualTo("en");
		}

		@Test
		void refusesAnUnknownLanguageWithAMessage() throws Exception {
			String html = mvc.perform(create(ref, "Northwind").param("language", "fr").locale(Locale.JAPANESE))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("customerForm", "language", "Pattern"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("日本語か英語を選んでください。");
			assertThat(directory.findByReference(ref)).isEmpty();
		}

		@Test
		void refusesATakenReferenceWithAClearMessageKeepingTheInput() throws Exception {
			mvc.perform(create(ref, "First")).andExpect(status().is3xxRedirection());
			String html = mvc.perform(create(ref, "Second Name"))
				.andExpect(status().isOk())
				.andExpect(
						model().attributeHasFieldErrorCode("customerForm", "reference", "customer.form.referenceTaken"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Another customer already has this reference.").contains("value=\"Second Name\"");
			assertThat(directory.findByReference(ref).orElseThrow().getName()).isEqualTo("First");
		}

		@Test
		void reportsATakenReferenceTogetherWithOtherErrors() throws Exception {
			mvc.perform(create(ref, "First")).andExpect(status().is3xxRedirection());
			mvc.perform(create(ref, " "))
				.andExpect(status().isOk())
				.andExpect(
						model().attributeHasFieldErrorCode("customerForm", "reference", "customer.form.referenceTaken"))
				.andExpect(model().attributeHasFieldErrors("customerForm", "name"));
		}

		@Test
		void storesAFullWidthReferenceAndSegmentInTheirHalfWidthFormAndSeesTheTwin() throws Exception {
			mvc.perform(post("/customers").with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.param("reference", "　" + FullWidth.of(ref) + " ")
				.param("name", "Sakura")
				.param("segment", FullWidth.of("SMB"))).andExpect(status().is3xxRedirection());
			Customer customer = directory.findByReference(ref).orElseThrow();
			assertThat(customer.getReference()).isEqualTo(ref);
			assertThat(customer.getSegment()).isEqualTo("SMB");
			mvc.perform(create(ref, "Sakura again"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrorCode("customerForm", "reference",
						"customer.form.referenceTaken"));
			assertThat(directory.findByReference(FullWidth.of(ref)).map(Customer::getId)).contains(customer.getId());
		}

		@Test
		void explainsTheTakenReferenceInJapanese() throws Exception {
			mvc.perform(create(ref, "First")).andExpect(status().is3xxRedirection());
			String html = mvc.perform(create(ref, "Second").locale(Locale.JAPANESE))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("この参照番号は別の顧客ですでに使われています。");
		}

		@Test
		void explainsEachInvalidField() throws Exception {
			String html = mvc
				.perform(post("/customers").with(user(users.user(TestUsers.MANAGER)))
					.with(csrf())
					.locale(Locale.ENGLISH)
					.param("reference", " ")
					.param("name", "")
					.param("segment", "S".repeat(101))
					.param("email", "not-an-address"))
				.andExpect(status().isOk())
				.andExpect(model().attributeHasFieldErrors("customerForm", "reference", "name", "email", "segment"))
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html)
				.contains("Enter the customer reference.", "Enter the customer name.",
						"Enter a valid e-mail address, such as name@example.com.",
						"Use at most 100 characters for the segment.")
				.contains("value=\"not-an-address\"");
		}

		@Test
		void refusesStaff() throws Exception {
			mvc.perform(create(ref, "Name").with(user(users.user(TestUsers.STAFF)))).andExpect(status().isForbidden());
			assertThat(directory.findByReference(ref)).isEmpty();
		}

	}

	@Nested
	class Edit {

		private Customer customer;

		@BeforeEach
		void createCustomer() {
			customer = directory.create(CustomerDetails.of(ref, "Tanaka", "Retail"), "manager");
		}

		private MockHttpServletRequestBuilder edit(long version, String name) {
			return post("/customers/" + customer.getId()).with(user(users.user(TestUsers.MANAGER)))
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("reference", "HACKED")
				.param("name", name)
				.param("segment", "B2B")
				.param("email", "info@tanaka.example")
				.param("version", Long.toString(version));
		}

		@Test
		void savesAndRedirectsToTheCustomerPageKeepingTheReference() throws Exception {
			mvc.perform(edit(0, "Tanaka Trading"))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/customers/" + customer.getId()))
				.andExpect(flash().attribute("success", "customer.updated"));
			Customer saved = directory.get(customer.getId());
			assertThat(saved.getName()).isEqualTo("Tanaka Trading");
			assertThat(saved.getReference()).isEqualTo(ref);
			assertThat(saved.getEmail()).isEqualTo("info@tanaka.example");
		}

		@Test
		void refusesTheSecondOfTwoConcurrentEditsKeepingItsInput() throws Exception {
			mvc.perform(edit(0, "First Edit")).andExpect(status().is3xxRedirection());
			String html = mvc.perform(edit(0, "Second Edit"))
				.andExpect(status().isConflict())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains("Someone else saved this customer while you were editing.")
				.contains("value=\"Second Edit\"");
			assertThat(directory.get(customer.getId()).getName()).isEqualTo("First Edit");
		}

		@Test
		void showsTheFormFilledIn() throws Exception {
			String html = mvc
				.perform(get("/customers/" + customer.getId() + "/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(html).contains(ref).contains("value=\"Tanaka\"").contains("name=\"version\" value=\"0\"");
			assertThat(HtmlIds.duplicates(html)).as("ids used twice").isEmpty();
			assertThat(html).as("the reference is shown, not editable").doesNotContain("name=\"reference\"");
		}

		@Test
		void answersNotFoundForUnknownCustomers() throws Exception {
			mvc.perform(get("/customers/999999999999/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isNotFound());
			mvc.perform(get("/customers/x/edit").with(user(users.user(TestUsers.MANAGER))))
				.andExpect(status().isNotFound());
		}

	}

	@Test
	void suggestsCustomersForThePicker() throws Exception {
		directory.create(CustomerDetails.of(ref, "Yamada Hanako 山田花子", null), "manager");
		mvc.perform(get("/customers/suggestions").param("q", ref).with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].reference").value(ref))
			.andExpect(jsonPath("$[0].name").value("Yamada Hanako 山田花子"));
	}

	@Test
	void suggestsTheCustomerOfAFullWidthReference() throws Exception {
		directory.create(CustomerDetails.of(ref, "Suzuki 鈴木", null), "manager");
		String fullWidth = ref.chars()
			.map(c -> (c >= '!' && c <= '~') ? c + 0xFEE0 : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		mvc.perform(get("/customers/suggestions").param("q", fullWidth).with(user(users.user(TestUsers.STAFF))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].reference").value(ref));
	}

}
