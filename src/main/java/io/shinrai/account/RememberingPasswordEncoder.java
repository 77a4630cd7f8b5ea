package io.shinrai.account;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks passwords like its delegate (bcrypt), but remembers for a few minutes which
 * (stored hash, password) pairs it has verified, so that an API client sending HTTP Basic
 * credentials with every request pays the deliberately slow hash once, not per request.
 * Only an HMAC of the pair is kept, under a key that lives in this process only; failures
 * are never remembered (the sign-in throttle counts them). A changed password changes the
 * stored hash, so an old password stops working at once; disabled accounts and roles are
 * read from the database on every request as before.
 */
final class RememberingPasswordEncoder implements PasswordEncoder {

	static final Duration REMEMBER_FOR = Duration.ofMinutes(10);

	private static final int MAX_PAIRS = 10_000;

	private final PasswordEncoder delegate;

	private final SecretKeySpec key;

	private final Cache<String, Boolean> verified = Caffeine.newBuilder()
		.expireAfterWrite(REMEMBER_FOR)
		.maximumSize(MAX_PAIRS)
		.build();

	RememberingPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return delegate.matches(rawPassword, encodedPassword);
		}
		String pair = digest(encodedPassword, rawPassword);
		if (verified.getIfPresent(pair) != null) {
			return true;
		}
		boolean matches = delegate.matches(rawPassword, encodedPassword);
		if (matches) {
			verified.put(pair, Boolean.TRUE);
		}
		return matches;
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return delegate.upgradeEncoding(encodedPassword);
	}

	private String digest(String encodedPassword, CharSequence rawPassword) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			mac.update(rawPassword.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(mac.doFinal());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
