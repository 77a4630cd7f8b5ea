package io.shinrai.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

class RememberingPasswordEncoderTests {

	private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));

	private final RememberingPasswordEncoder encoder = new RememberingPasswordEncoder(bcrypt);

	@Test
	void verifiesAPasswordWithTheSlowHashOnlyOnce() {
		String hash = encoder.encode("right-password-1");

		assertThat(encoder.matches("right-password-1", hash)).isTrue();
		assertThat(encoder.matches("right-password-1", hash)).isTrue();
		assertThat(encoder.matches("right-password-1", hash)).isTrue();

		assertThat(bcrypt.checks).isEqualTo(1);
	}

	@Test
	void neverRemembersAWrongPassword() {
		String hash = encoder.encode("right-password-1");

		assertThat(encoder.matches("wrong-password-1", hash)).isFalse();
		assertThat(encoder.matches("wrong-password-1", hash)).isFalse();

		assertThat(bcrypt.checks).isEqualTo(2);
	}

	@Test
	void forgetsTheOldPasswordWhenTheStoredHashChanges() {
		String before = encoder.encode("old-password-1");
		assertThat(encoder.matches("old-password-1", before)).isTrue();

		String after = encoder.encode("new-password-1");

		assertThat(encoder.matches("old-password-1", after)).isFalse();
		assertThat(encoder.matches("new-password-1", after)).isTrue();
		assertThat(bcrypt.checks).isEqualTo(3);
	}

	@Test
	void aRememberedPasswordDoesNotOpenAnotherAccount() {
		String alice = encoder.encode("shared-password-1");
		String bob = encoder.encode("other-password-1");
		assertThat(encoder.matches("shared-password-1", alice)).isTrue();

		assertThat(encoder.matches("shared-password-1", bob)).isFalse();
	}

	private static final class CountingEncoder implements PasswordEncoder {

		private final PasswordEncoder delegate;

		private int checks;

		CountingEncoder(PasswordEncoder delegate) {
			this.delegate = delegate;
		}

		@Override
		public String encode(CharSequence rawPassword) {
			return delegate.encode(rawPassword);
		}

		@Override
		public boolean matches(CharSequence rawPassword, String encodedPassword) {
			checks++;
			return delegate.matches(rawPassword, encodedPassword);
		}

	}

}
