package io.shinrai.customer;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.shinrai.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class CustomerDirectoryIntegrationTests {

	@Autowired
	private CustomerDirectory directory;

	@Autowired
	private JdbcClient jdbc;

	private final String ref = "T-" + UUID.randomUUID();

	@Nested
	class FindOrCreate {

		@Test
		void createsAnUnknownCustomerWithItsNameAndSegment() {
			Customer customer = directory.findOrCreate(" " + ref + " ", "Aiko Tanaka", "Retail");
			assertThat(customer.getId()).isNotNull();
			assertThat(customer.getReference()).isEqualTo(ref);
			assertThat(customer.getName()).isEqualTo("Aiko Tanaka");
			assertThat(customer.getSegment()).isEqualTo("Retail");
		}

		@Test
		void returnsAKnownCustomerUnchanged() {
			Customer first = directory.findOrCreate(ref, "Aiko Tanaka", "Retail");
			Customer again = directory.findOrCreate(ref, "Someone Else", null);
			assertThat(again.getId()).isEqualTo(first.getId());
			assertThat(again.getName()).isEqualTo("Aiko Tanaka");
		}

		@Test
		void refusesAnUnknownReferenceWithoutAName() {
			assertThatThrownBy(() -> directory.findOrCreate(ref, " ", "Retail"))
				.isInstanceOf(CustomerNameRequiredException.class);
			assertThat(directory.findByReference(ref)).isEmpty();
		}

		@Test
		void findsAndCreatesManyInBulkLeavingOutUnknownOnesWithoutAName() {
			String known = directory.findOrCreate(ref, "Known", null).getReference();
			String created = "T-" + UUID.randomUUID();
			String nameless = "T-" + UUID.randomUUID();
			Map<String, Long> ids = directory.findOrCreateAll(
					List.of(CustomerDetails.of(known, null, null), CustomerDetails.of(created, "New One", "B2B"),
							CustomerDetails.of(created, "Duplicate", null), CustomerDetails.of(nameless, null, null)));
			assertThat(ids).containsOnlyKeys(known, created);
			assertThat(directory.get(ids.get(created)).getName()).isEqualTo("New One");
			assertThat(directory.get(ids.get(created)).getSegment()).isEqualTo("B2B");
			assertThat(directory.findByReference(nameless)).isEmpty();
		}

	}

	@Nested
	class CreateAndUpdate {

		@Test
		void createsACustomerAndAuditsIt() {
			Customer customer = directory.create(new CustomerDetails(ref, "Aiko Tanaka", "Retail", "aiko@example.com"),
					"manager");
			assertThat(customer.getEmail()).isEqualTo("aiko@example.com");
			assertThat(customer.getVersion()).isZero();
			assertThat(audits("CUSTOMER_CREATED")).singleElement().asString().contains("name: Aiko Tanaka");
		}

		@Test
		void addressesNewCustomersInTheDefaultLanguageUnlessOneIsChosen() {
			Customer byDefault = directory.create(CustomerDetails.of(ref, "Aiko", null), "manager");
			Customer english = directory.create(new CustomerDetails(ref + "-en", "Emily", null, null, "en"), "manager");
			Long imported = directory.findOrCreateAll(List.of(CustomerDetails.of(ref + "-csv", "佐藤", null)))
				.get(ref + "-csv");
			assertThat(byDefault.getLanguage()).isEqualTo("ja");
			assertThat(english.getLanguage()).isEqualTo("en");
			assertThat(directory.get(imported).getLanguage()).isEqualTo("ja");
		}

		@Test
		void changesTheLanguageAndKeepsItWhenAnUpdateGivesNone() {
			Customer customer = directory.create(CustomerDetails.of(ref, "Aiko", null), "manager");
			Customer english = directory.update(customer.getId(), new CustomerDetails(ref, "Aiko", null, null, "en"),
					customer.getVersion(), "manager");
			assertThat(english.getLanguage()).isEqualTo("en");
			assertThat(directory.language(english)).isEqualTo("en");
			Customer kept = directory.update(customer.getId(), CustomerDetails.of(ref, "Aiko T", null),
					english.getVersion(), "manager");
			assertThat(kept.getLanguage()).isEqualTo("en");
			assertThat(audits("CUSTOMER_UPDATED")).anySatisfy(audit -> assertThat(audit).asString()
				.contains("language: ja", "after: reference: " + ref + "\nname: Aiko\n"));
		}

		@Test
		void refusesATakenReference() {
			directory.create(CustomerDetails.of(ref, "First", null), "manager");
			assertThatThrownBy(() -> directory.create(CustomerDetails.of(ref, "Second", null), "manager"))
				.isInstanceOf(DuplicateReferenceException.class);
			assertThat(directory.findByReference(ref).orElseThrow().getName()).isEqualTo("First");
		}

		@Test
		void updatesNameSegmentAndEmailAndAuditsBeforeAndAfter() {
			Customer customer = directory.create(CustomerDetails.of(ref, "Aiko", "Retail"), "manager");
			Customer updated = directory.update(customer.getId(),
					new CustomerDetails(ref, "Aiko Tanaka", "B2B", "a@example.com"), customer.getVersion(), "admin");
			assertThat(updated.getName()).isEqualTo("Aiko Tanaka");
			assertThat(directory.get(customer.getId()).getVersion()).isEqualTo(1);
			assertThat(audits("CUSTOMER_UPDATED")).singleElement()
				.asString()
				.contains("before: reference: " + ref + "\nname: Aiko\n",
						"after: reference: " + ref + "\nname: Aiko Tanaka");
		}

		@Test
		void refusesAStaleVersion() {
			Customer customer = directory.create(CustomerDetails.of(ref, "Aiko", "Retail"), "manager");
			directory.update(customer.getId(), CustomerDetails.of(ref, "Aiko T", null), 0, "manager");
			assertThatThrownBy(
					() -> directory.update(customer.getId(), CustomerDetails.of(ref, "Other", null), 0, "admin"))
				.isInstanceOf(CustomerChangedException.class);
			assertThat(directory.get(customer.getId()).getName()).isEqualTo("Aiko T");
		}

	}

	@Test
	void suggestsByReferencePrefixOrNamePart() {
		directory.create(CustomerDetails.of(ref, "Hanako Yamada 山田花子", null), "manager");
		assertThat(directory.suggest(ref.substring(0, 12), 10)).extracting(Customer::getReference).contains(ref);
		assertThat(directory.suggest("山田花", 50)).extracting(Customer::getReference).contains(ref);
		assertThat(directory.suggest("%", 50)).extracting(Customer::getReference).doesNotContain(ref);
	}

	private List<String> audits(String type) {
		return jdbc
			.sql("select 'before: ' || coalesce(before_state, '') || ' after: ' || after_state from audit_event"
					+ " where type = ? and subject = ?")
			.param(type)
			.param("customer " + ref)
			.query(String.class)
			.list();
	}

}
