package io.shinrai.survey;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SurveyTokensTests {

	@Test
	void tokensCarry256RandomBitsInBase64Url() {
		Set<String> tokens = new HashSet<>();
		int[] ones = new int[SurveyTokens.BYTES * 8];
		int count = 2000;
		for (int i = 0; i < count; i++) {
			String token = SurveyTokens.generate();
			assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
			assertThat(SurveyTokens.isWellFormed(token)).isTrue();
			byte[] bytes = Base64.getUrlDecoder().decode(token);
			assertThat(bytes).hasSize(32);
			for (int bit = 0; bit < ones.length; bit++) {
				if ((bytes[bit / 8] >> (bit % 8) & 1) == 1) {
					ones[bit]++;
				}
			}
			tokens.add(token);
		}
		assertThat(tokens).hasSize(count);
		// every bit position is set in about half of the tokens (binomial: 1000 ± 6
		// standard deviations)
		for (int bit : ones) {
			assertThat(bit).isBetween(866, 1134);
		}
	}

	@Test
	void storesOnlyAHashThatDiffersPerToken() {
		String token = SurveyTokens.generate();
		assertThat(SurveyTokens.hash(token)).hasSize(32)
			.isEqualTo(SurveyTokens.hash(token))
			.isNotEqualTo(SurveyTokens.hash(SurveyTokens.generate()));
	}

	@Test
	void refusesWhatCannotBeAToken() {
		assertThat(SurveyTokens.isWellFormed(null)).isFalse();
		assertThat(SurveyTokens.isWellFormed("short")).isFalse();
		assertThat(SurveyTokens.isWellFormed("a".repeat(44))).isFalse();
		assertThat(SurveyTokens.isWellFormed("a".repeat(42) + "/")).isFalse();
		assertThat(SurveyTokens.isWellFormed("a".repeat(43))).isTrue();
	}

}
