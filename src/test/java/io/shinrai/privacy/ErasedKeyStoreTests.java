package io.shinrai.privacy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErasedKeyStoreTests {

	@Test
	void normalisesFullWidthAndPaddedReferencesToTheirPlainSpelling() {
		assertThat(ErasedKeyStore.normalise(" \uFF23\uFF0D\uFF10\uFF10\uFF11\u3000")).isEqualTo("C-001");
		assertThat(ErasedKeyStore.normalise("C-001")).isEqualTo("C-001");
	}

	@Test
	void keepsOtherwiseDifferentReferencesApart() {
		assertThat(ErasedKeyStore.normalise("c-001")).isNotEqualTo(ErasedKeyStore.normalise("C-001"));
	}

}
