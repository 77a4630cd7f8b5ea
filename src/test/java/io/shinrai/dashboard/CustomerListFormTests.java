package io.shinrai.dashboard;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerListFormTests {

	private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");

	@Test
	void aFullWidthReferenceAndSegmentSearchWhatTheImportStored() {
		CustomerListForm form = new CustomerListForm();
		form.setQ(" Ｃ－０００００２ ");
		form.setSegment("ＳＭＢ");

		CustomerListForm.Parsed parsed = form.parse(NOW);

		assertThat(parsed.problems()).isEmpty();
		assertThat(parsed.query().text()).isEqualTo("C-000002");
		assertThat(parsed.query().segment()).isEqualTo("SMB");
	}

	@Test
	void aBlankSearchIsNoSearch() {
		CustomerListForm form = new CustomerListForm();
		form.setQ("  ");

		assertThat(form.parse(NOW).query().text()).isNull();
	}

}
